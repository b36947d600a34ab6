package nl.sobamo.deploy.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import nl.sobamo.topics.Topics;
import org.junit.jupiter.api.Test;

/**
 * The cluster manifests (Strimzi KafkaTopics, docker-compose topic script) declare the same topics with the same
 * retention as the embedded runner, so a topic added in code cannot be forgotten in the manifests.
 */
class ManifestsTest {

    private static final Map<String, TopicSpec> SPECS = new LinkedHashMap<>();

    static {
        TopicSpec.pipelineTopics(3).forEach(s -> SPECS.put(s.name(), s));
    }

    @Test
    void everyPipelineTopicIsDeclared() {
        assertThat(SPECS.keySet()).contains(Topics.OBSERVATIONS, Topics.TABLE_INDICATORS, Topics.TABLE_BENCHMARKS, Topics.TABLE_POSITIONS,
                Topics.REFERENCE_AREAS, Topics.DLQ_NORMALIZE, Topics.INGEST_CHECKPOINTS);
        assertThat(SPECS.keySet()).containsAll(Topics.RAW_TOPICS);
    }

    @Test
    void strimziTopicsMatchTheRunner() throws IOException {
        Map<String, JsonNode> declared = new HashMap<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (YAMLParser parser = new YAMLFactory().createParser(Path.of("k8s", "topics.yaml").toFile())) {
            for (JsonNode doc : yaml.readValues(parser, JsonNode.class).readAll()) {
                declared.put(doc.at("/spec/topicName").asText(), doc.at("/spec"));
            }
        }
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(SPECS.keySet());
        SPECS.forEach((name, spec) -> {
            JsonNode declaredSpec = declared.get(name);
            assertThat(declaredSpec.get("partitions").asInt()).as(name).isEqualTo(spec.partitions());
            spec.config().forEach((key, value) ->
                    assertThat(declaredSpec.at("/config/" + key).asText()).as(name + " " + key).isEqualTo(value));
        });
    }

    @Test
    void composeTopicScriptMatchesTheRunner() throws IOException {
        Pattern create = Pattern.compile("^create (\\S+) (\\S+)((?: \\S+=\\S+)+)$");
        Map<String, Map<String, String>> declared = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("docker", "create-topics.sh"))) {
            Matcher m = create.matcher(line.trim());
            if (m.matches()) {
                Map<String, String> config = new HashMap<>();
                for (String kv : m.group(3).trim().split(" ")) {
                    config.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
                declared.put(m.group(1), config);
                int partitions = m.group(2).startsWith("\"$") ? 3 : Integer.parseInt(m.group(2));
                assertThat(partitions).as(m.group(1)).isEqualTo(SPECS.get(m.group(1)).partitions());
            }
        }
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(SPECS.keySet());
        SPECS.forEach((name, spec) -> assertThat(declared.get(name)).as(name).isEqualTo(spec.config()));
    }

    /** Every service main the manifests start exists in the image's classpath, and every service is deployed. */
    @Test
    void everyServiceIsDeployedWithAMainThatExists() throws IOException {
        Pattern appMain = Pattern.compile("APP_MAIN[:,]\\s*(?:value:\\s*)?(nl\\.sobamo\\.[\\w.]+)");
        for (Path manifest : new Path[] {Path.of("k8s", "apps.yaml"), Path.of("docker", "docker-compose.yml")}) {
            Matcher m = appMain.matcher(Files.readString(manifest));
            java.util.Set<String> mains = new java.util.TreeSet<>();
            while (m.find()) {
                mains.add(m.group(1));
            }
            assertThat(mains).as(manifest.toString()).containsExactlyInAnyOrder(
                    "nl.sobamo.ingest.IngestApplication", "nl.sobamo.push.PushApiMain",
                    "nl.sobamo.normalize.app.NormalizeApp", "nl.sobamo.aggregate.app.AggregateApp");
            for (String main : mains) {
                assertThat(classExists(main)).as(manifest + " " + main).isTrue();
            }
        }
    }

    /**
     * Every {@code SOBAMO_*} variable the manifests set is the environment name of a setting some config class
     * reads ({@code "sobamo.*"} keys in the services' sources), so a renamed setting cannot leave a manifest
     * silently ignored.
     */
    @Test
    void everyEnvironmentVariableIsASettingTheServicesRead() throws IOException {
        java.util.Set<String> known = new java.util.TreeSet<>();
        Pattern key = Pattern.compile("\"(sobamo\\.[a-z0-9.-]+)\"");
        for (String module : List.of("schemas", "ops", "ingest", "push", "normalize", "aggregate")) {
            try (Stream<Path> sources = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = key.matcher(Files.readString(source));
                    while (m.find()) {
                        known.add(nl.sobamo.config.Settings.envName(m.group(1)));
                    }
                }
            }
        }
        Pattern env = Pattern.compile("\\b(SOBAMO_[A-Z0-9_]+)\\b");
        for (Path manifest : List.of(Path.of("k8s", "apps.yaml"), Path.of("docker", "docker-compose.yml"))) {
            Matcher m = env.matcher(Files.readString(manifest));
            int n = 0;
            while (m.find()) {
                n++;
                assertThat(known).as(manifest + ": " + m.group(1) + " is no setting").contains(m.group(1));
            }
            assertThat(n).as(manifest.toString()).isGreaterThan(5);
        }
    }

    /**
     * Every long-running service has liveness and readiness probes on the ops port the ConfigMap sets
     * ({@code SOBAMO_OPS_PORT}, the paths {@code OpsServer} serves) and Prometheus scrape annotations for it.
     */
    @Test
    void probesAndScrapeAnnotationsUseTheOpsPort() throws IOException {
        List<JsonNode> docs = ManifestSchemaTest.documents(Path.of("k8s", "apps.yaml"));
        String opsPort = docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
                .map(d -> d.at("/data/" + nl.sobamo.config.Settings.envName(nl.sobamo.ops.OpsSettings.PORT)).asText())
                .findFirst().orElseThrow();
        assertThat(opsPort).isEqualTo(Integer.toString(nl.sobamo.ops.OpsSettings.DEFAULT_PORT));
        java.util.Set<String> probed = new java.util.TreeSet<>();
        for (JsonNode doc : docs) {
            String kind = doc.path("kind").asText();
            String name = doc.at("/metadata/name").asText();
            if (!name.startsWith("sobamo-") || !(kind.equals("Deployment") || kind.equals("StatefulSet") || kind.equals("CronJob"))) {
                continue;
            }
            JsonNode template = kind.equals("CronJob") ? doc.at("/spec/jobTemplate/spec/template") : doc.at("/spec/template");
            assertThat(template.at("/metadata/annotations/prometheus.io~1port").asText()).as(name).isEqualTo(opsPort);
            assertThat(template.at("/metadata/annotations/prometheus.io~1scrape").asText()).as(name).isEqualTo("true");
            JsonNode container = template.at("/spec/containers/0");
            assertThat(container.at("/resources/requests/memory").isMissingNode()).as(name + " requests").isFalse();
            assertThat(container.at("/resources/limits/memory").isMissingNode()).as(name + " limits").isFalse();
            if (kind.equals("CronJob")) {
                continue;
            }
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(name).isEqualTo("/health/ready");
            assertThat(container.at("/readinessProbe/httpGet/port").asText()).as(name).isEqualTo(opsPort);
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(name).isEqualTo("/health/live");
            assertThat(container.at("/livenessProbe/httpGet/port").asText()).as(name).isEqualTo(opsPort);
            probed.add(name);
        }
        assertThat(probed).containsExactlyInAnyOrder("sobamo-normalize", "sobamo-aggregate", "sobamo-push");
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name, false, ManifestsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
