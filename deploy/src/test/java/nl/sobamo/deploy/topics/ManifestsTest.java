package nl.sobamo.deploy.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
        assertThat(SPECS.keySet()).contains(Topics.OBSERVATIONS, Topics.TABLE_INDICATORS, Topics.TABLE_BENCHMARKS,
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

    private static boolean classExists(String name) {
        try {
            Class.forName(name, false, ManifestsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
