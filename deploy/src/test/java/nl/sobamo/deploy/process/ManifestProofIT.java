package nl.sobamo.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.sobamo.push.auth.ApiKeys;
import nl.sobamo.push.auth.PushKeyTool;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proof by running them: the manifests agree (compose and k8s: mains, args, variable names), and the services run
 * the way the compose manifest gives them (each its own OS process from the image's classpath, its main, command and
 * environment with only host/port/dir values replaced) behave as docs/operations.md and docs/metrics.md say: the
 * bundled data flows through to the tables, every long-running service is live and ready and serves the metrics
 * listed for it, and a query sent to the aggregate replica that does not own the key is answered, via forwarding
 * to the owner's advertised address, with the owner's answer.
 */
class ManifestProofIT {

    private static final String INDICATOR = "iv3.lasten.6.1.per_inhabitant";
    private static final String PERIOD = "2023";
    private static final String PUSHER = "GM0363";
    private static final Duration SETTLE = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ManifestProofIT.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path runDir;

    @Test
    void theManifestsRunAsWrittenAndAnswerAsDocumented() throws Exception {
        HarnessLayout layout = HarnessLayout.ofCheckout(Path.of("..")).requireBuilt();

        // 1. the manifests agree, and the differences allowed are the documented ones
        ComposeManifest compose = ComposeManifest.read(layout.composeFile());
        KubernetesManifest k8s = KubernetesManifest.read(Path.of("k8s", "apps.yaml"));
        assertThat(ManifestAgreement.differences(compose, k8s))
                .as("docker-compose.yml and k8s/apps.yaml disagree (allowed: %s)", ManifestAgreement.ALLOWED).isEmpty();
        String operations = Files.readString(Path.of("..", "docs", "operations.md"));
        String section = operations.substring(operations.indexOf("## Compose and Kubernetes"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        for (ManifestAgreement.AllowedDifference d : ManifestAgreement.ALLOWED) {
            assertThat(section).as("docs/operations.md lists the allowed difference %s", d)
                    .containsPattern("\\| " + d.service() + " \\| `" + d.what() + "` \\|");
        }

        try (RegistryControl registry = new RegistryControl(layout, runDir.resolve("registry"), PipelineProcesses.freePort()).start();
             PipelineProcesses p = new PipelineProcesses(layout, runDir.resolve("run"), registry)) {
            // 2. broker and registry as processes, then the services as the manifest runs them
            p.startBroker();
            p.provisionTopics(3);
            Files.createDirectories(p.pushKeysFile().getParent());
            ApiKeys.NewKey key = ApiKeys.generate();
            PushKeyTool.append(p.pushKeysFile(), PushKeyTool.line(key.keyId(), PUSHER, key.hash()));
            p.start(PipelineProcesses.NORMALIZE);
            p.start(PipelineProcesses.AGGREGATE, 1);
            p.start(PipelineProcesses.AGGREGATE, 2);
            p.start(PipelineProcesses.PUSH);
            p.runIngestBundles(Duration.ofMinutes(4));

            // 3. the bundled data through: both groups drained, the tables written
            StreamsLag lag = new StreamsLag(p.bootstrapServers());
            Deadline.await("normalize and aggregate drained, tables non-empty", SETTLE,
                    () -> lag.drained() && committedRecords(p.bootstrapServers(), Topics.TABLE_INDICATORS) > 0
                            && committedRecords(p.bootstrapServers(), Topics.TABLE_BENCHMARKS) > 0
                            && committedRecords(p.bootstrapServers(), Topics.TABLE_POSITIONS) > 0,
                    () -> "lag normalize " + lag.of(PipelineProcesses.NORMALIZE) + ", aggregate " + lag.of(PipelineProcesses.AGGREGATE));

            // one accepted and one refused push, so push's request and rejection metrics exist
            AtomicReference<HttpResponse<String>> accepted = new AtomicReference<>();
            Deadline.await("push answers the visitors push", SETTLE, () -> {
                accepted.set(push(p, key.token(), "manifest-proof-ok", visitors(PUSHER, null)));
                return accepted.get().statusCode() != 503 && accepted.get().statusCode() != 429;
            }, () -> accepted.get() == null ? "no answer" : accepted.get().statusCode() + " " + accepted.get().body());
            assertThat(accepted.get().statusCode()).as(accepted.get().body()).isEqualTo(202);
            HttpResponse<String> refused = push(p, key.token(), "manifest-proof-refused", visitors(PUSHER, "jan@example.nl"));
            assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 499);

            // 4. live, ready and the documented metrics, per long-running instance
            List<String> instances = List.of(PipelineProcesses.NORMALIZE, PipelineProcesses.instance(PipelineProcesses.AGGREGATE, 1),
                    PipelineProcesses.instance(PipelineProcesses.AGGREGATE, 2), PipelineProcesses.PUSH);
            for (String instance : instances) {
                int ops = p.opsPort(instance);
                assertThat(OpsScrape.get("http://127.0.0.1:" + ops + "/health/live").statusCode()).as(instance + " live").isEqualTo(200);
                AtomicReference<String> readyBody = new AtomicReference<>();
                Deadline.await(instance + " /health/ready 200", SETTLE, () -> {
                    HttpResponse<String> r = OpsScrape.get("http://127.0.0.1:" + ops + "/health/ready");
                    readyBody.set(r.statusCode() + " " + r.body());
                    return r.statusCode() == 200;
                }, readyBody::get);
                assertThat(readyBody.get()).contains("\"kafka\"", "\"registry\"");
            }
            assertMetrics(p, instances);

            // 5. the query API through the replica that does not own the key
            String a1 = p.queryBaseUrl(PipelineProcesses.instance(PipelineProcesses.AGGREGATE, 1));
            String a2 = p.queryBaseUrl(PipelineProcesses.instance(PipelineProcesses.AGGREGATE, 2));
            String indicatorPath = "/api/v1/indicators/" + INDICATOR + "/periods/" + PERIOD;
            String indicatorOwner = ownerOf(indicatorPath, a1, a2);
            String indicatorOther = indicatorOwner.equals(a1) ? a2 : a1;
            JsonNode rows = sameAnswerThroughTheOther(indicatorPath, indicatorOwner, indicatorOther);
            assertThat(rows.size()).as("rows of %s %s", INDICATOR, PERIOD).isGreaterThan(300);

            // both replicas hold tasks (a real scale-out, not one idle standby): each has rows of its own
            for (String base : List.of(a1, a2)) {
                HttpResponse<String> local = OpsScrape.get(base + "/api/v1/export/indicators.json?local=true");
                assertThat(local.statusCode()).as(base + " local export").isEqualTo(200);
                assertThat(read(local.body()).size()).as(base + " holds indicator rows of its own").isGreaterThan(0);
            }
            // the profile of a municipality whose rows the other replica owns, if one of the first few is
            String municipality = MunicipalityDirectory.loadDefault().codes().stream().sorted().limit(30)
                    .filter(m -> localOwners("/api/v1/municipalities/" + m + "/rows", a1, a2, new StringBuilder())
                            .equals(List.of(indicatorOther)))
                    .findFirst().orElse(PUSHER);
            String profileOwner = ownerOf("/api/v1/municipalities/" + municipality + "/rows", a1, a2);
            JsonNode profile = sameAnswerThroughTheOther("/api/v1/municipalities/" + municipality + "/profile", profileOwner,
                    profileOwner.equals(a1) ? a2 : a1);
            assertThat(profile.path("municipalityCode").asText()).isEqualTo(municipality);
            assertThat(profile.path("spheres")).isNotEmpty();
            LOG.info("manifest proof: {} rows of {} {} owned by {}, answered alike through {}; profile of {} owned by {},"
                            + " answered alike through {}; {} instances live, ready and serving their documented metrics",
                    rows.size(), INDICATOR, PERIOD, name(indicatorOwner, a1), name(indicatorOther, a1), municipality,
                    name(profileOwner, a1), name(profileOwner.equals(a1) ? a2 : a1, a1), instances.size());
        }
    }

    /** Each long-running instance serves what docs/metrics.md lists for its service, tagged with its service. */
    private static void assertMetrics(PipelineProcesses p, List<String> instances) {
        for (String instance : instances) {
            String service = PipelineProcesses.serviceOf(instance);
            OpsScrape m = OpsScrape.of(p.opsPort(instance));
            String what = instance + " /metrics";
            assertThat(m.samples()).as(what).isNotEmpty();
            assertThat(m.samples().stream().filter(s -> s.name().startsWith("sobamo_") || s.name().startsWith("jvm_"))
                    .filter(s -> !service.equals(s.labels().get("service"))).map(OpsScrape.Sample::name).distinct().toList())
                    .as(what + ": every sobamo_ and jvm_ sample carries service=" + service).isEmpty();
            for (String family : List.of("jvm_memory_used_bytes", "process_uptime_seconds", "system_cpu_count")) {
                assertThat(m.has(family, Map.of())).as(what + " has " + family).isTrue();
            }
        }
        // normalize: records in per source, what became of them (summing to records in), observations, freshness
        OpsScrape normalize = OpsScrape.of(p.opsPort(PipelineProcesses.NORMALIZE));
        for (String source : List.of("iv3", "cbs-kwb")) {
            Map<String, String> bySource = Map.of("source", source);
            double in = normalize.sum("sobamo_normalize_records_in_total", bySource);
            assertThat(in).as("sobamo_normalize_records_in_total{source=%s}\n%s", source,
                    normalize.linesWith("sobamo_normalize_records")).isGreaterThan(0);
            assertThat(normalize.sum("sobamo_normalize_records_total", bySource))
                    .as("observed + dead_lettered + skipped = records in, %s", source).isEqualTo(in);
            assertThat(normalize.sum("sobamo_normalize_observations_total", bySource)).as("observations " + source).isGreaterThan(0);
            assertThat(normalize.has("sobamo_normalize_freshness_seconds", bySource)).as("freshness " + source).isTrue();
        }
        assertThat(normalize.has("sobamo_normalize_values_missing_total", Map.of()) || normalize.has("sobamo_normalize_dlq_total", Map.of())
                || normalize.has("sobamo_normalize_harmonisation_total", Map.of()))
                .as("normalize's other counters\n" + normalize.linesWith("sobamo_normalize")).isTrue();
        // the Streams apps: running, lag per input topic (refreshed every 30 s, so wait for the drained value), binders
        for (String instance : instances) {
            String service = PipelineProcesses.serviceOf(instance);
            if (service.equals(PipelineProcesses.PUSH)) {
                continue;
            }
            String group = PipelineProcesses.groupOf(service);
            String input = service.equals(PipelineProcesses.NORMALIZE) ? Topics.RAW_IV3 : Topics.OBSERVATIONS;
            AtomicReference<OpsScrape> last = new AtomicReference<>();
            Deadline.await(instance + " sobamo_consumer_lag_records{group=" + group + ",topic=" + input + "} = 0", SETTLE, () -> {
                OpsScrape m = OpsScrape.of(p.opsPort(instance));
                last.set(m);
                List<OpsScrape.Sample> lag = m.samples("sobamo_consumer_lag_records", Map.of("group", group, "topic", input));
                return lag.size() == 1 && lag.get(0).value() == 0.0;
            }, () -> last.get() == null ? "no scrape" : last.get().linesWith("sobamo_consumer_lag"));
            OpsScrape m = last.get();
            assertThat(m.sum("sobamo_streams_running", Map.of("application", group)))
                    .as(instance + " sobamo_streams_running\n" + m.linesWith("sobamo_streams")).isEqualTo(1.0);
            for (String family : List.of("kafka_stream_", "kafka_consumer_", "kafka_producer_")) {
                assertThat(m.hasPrefix(family)).as(instance + " has Kafka Streams binder metrics " + family + "*").isTrue();
            }
        }
        // push, after one accepted and one refused request
        OpsScrape push = OpsScrape.of(p.opsPort(PipelineProcesses.PUSH));
        assertThat(push.sum("sobamo_push_requests_seconds_count", Map.of("channel", "api", "dataset", "visitors", "status", "202")))
                .as("push requests 202\n" + push.linesWith("sobamo_push")).isEqualTo(1.0);
        assertThat(push.samples("sobamo_push_requests_seconds_count", Map.of("channel", "api", "dataset", "visitors")).stream()
                .filter(s -> s.labels().get("status").startsWith("4")).mapToDouble(OpsScrape.Sample::value).sum())
                .as("push requests 4xx\n" + push.linesWith("sobamo_push")).isEqualTo(1.0);
        assertThat(push.sum("sobamo_push_rejections_total", Map.of("channel", "api")))
                .as("push rejections\n" + push.linesWith("sobamo_push")).isEqualTo(1.0);
        assertThat(push.sum("sobamo_ingest_records_total", Map.of("source", "push", "outcome", "published")))
                .as("records push published\n" + push.linesWith("sobamo_ingest")).isEqualTo(3.0);
    }

    /** The instance whose local stores answer {@code path} ({@code ?local=true} answers from its own stores only). */
    private static String ownerOf(String path, String a1, String a2) {
        AtomicReference<String> owner = new AtomicReference<>();
        AtomicReference<String> seen = new AtomicReference<>();
        Deadline.await("exactly one aggregate replica owns " + path, SETTLE, () -> {
            StringBuilder s = new StringBuilder();
            List<String> owners = localOwners(path, a1, a2, s);
            seen.set(s.toString());
            if (owners.size() == 1) {
                owner.set(owners.get(0));
                return true;
            }
            return false;
        }, seen::get);
        return owner.get();
    }

    /** The instances answering {@code path} with rows from their own stores ({@code ?local=true}), asked once each. */
    private static List<String> localOwners(String path, String a1, String a2, StringBuilder seen) {
        List<String> owners = new ArrayList<>();
        for (String base : List.of(a1, a2)) {
            HttpResponse<String> r = OpsScrape.get(base + path + "?local=true");
            seen.append(base).append(' ').append(r.statusCode()).append(' ').append(abbreviate(r.body())).append("; ");
            if (r.statusCode() == 200 && hasRows(read(r.body()))) {
                owners.add(base);
            }
        }
        return owners;
    }

    private static boolean hasRows(JsonNode body) {
        return body.isArray() ? !body.isEmpty() : !body.path("rows").isEmpty();
    }

    /**
     * The non-owner's answer equals the owner's: asked owner, other, owner again until the owner's two answers agree
     * (positions are published by punctuation, so right after the drain an answer may still change); then the other's
     * answer, taken between them, must be the same.
     */
    private static JsonNode sameAnswerThroughTheOther(String path, String owner, String other) {
        AtomicReference<JsonNode[]> answers = new AtomicReference<>();
        AtomicReference<String> seen = new AtomicReference<>();
        Deadline.await(path + " answered alike twice by its owner " + owner, SETTLE, () -> {
            HttpResponse<String> before = OpsScrape.get(owner + path);
            HttpResponse<String> through = OpsScrape.get(other + path);
            HttpResponse<String> after = OpsScrape.get(owner + path);
            seen.set("owner " + before.statusCode() + "/" + after.statusCode() + ", other " + through.statusCode() + ": "
                    + abbreviate(through.body()));
            if (before.statusCode() != 200 || after.statusCode() != 200 || !before.body().equals(after.body())) {
                return false;
            }
            answers.set(new JsonNode[] {read(before.body()), through.statusCode() == 200 ? read(through.body()) : null,
                    JSON.getNodeFactory().textNode(through.statusCode() + " " + through.body())});
            return true;
        }, seen::get);
        JsonNode[] a = answers.get();
        assertThat(a[1]).as("%s through %s (not the owner): %s", path, other, a[2].asText()).isNotNull();
        assertThat(a[1]).as("%s through %s equals the owner %s's answer", path, other, owner).isEqualTo(a[0]);
        return a[0];
    }

    private static HttpResponse<String> push(PipelineProcesses p, String token, String idempotencyKey, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(p.pushBaseUrl() + "/api/v1/municipalities/" + PUSHER + "/visitors"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("push API did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Three quarterly visitor counts (the file drop's and the API's visitors dataset); with a personal field if asked. */
    private static String visitors(String municipality, String email) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int q = 0; q < 3; q++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("facilityId", "manifest-proof-" + q);
            r.put("facilityType", "buurthuis");
            r.put("areaCode", municipality);
            r.put("periodStart", "2024-0" + (1 + 3 * q) + "-01");
            r.put("periodEnd", List.of("2024-03-31", "2024-06-30", "2024-09-30").get(q));
            r.put("visits", 100 + q);
            r.put("uniqueVisitors", 50 + q);
            if (email != null) {
                r.put("contactEmail", email);
            }
            rows.add(r);
        }
        try {
            return JSON.writeValueAsString(rows);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records below the read_committed end offsets of a topic, over its partitions. */
    private static long committedRecords(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toSet());
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(15, TimeUnit.SECONDS)
                    .values().stream().mapToLong(o -> o.offset()).sum();
        } catch (Exception notYet) {
            return -1;
        }
    }

    private static String name(String base, String first) {
        return (base.equals(first) ? "aggregate" : "aggregate-2") + " (" + base + ")";
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + abbreviate(body), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
