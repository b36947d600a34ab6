package nl.sobamo.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.fixtures.FixtureServer;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.IngestCheckpoint;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.testkit.kafka.TestKafkaCluster;
import nl.sobamo.testkit.kafka.TopicProbe;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Open-data pulls through a real in-JVM KRaft broker, the registry serializer (in-memory {@code mock://} registry)
 * and durable checkpoints on the compacted {@code sobamo.ingest.checkpoints.v1}. The tests run in order: the first
 * pulls every bundled fixture, the second shows an unchanged re-run publishes nothing; the fault tests first drop
 * their table's checkpoint (a tombstone) so they start from scratch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenDataPullIT {

    private static final String REGISTRY = "mock://opendata-pull-it";
    private static final Map<String, String> RAW = Map.of(
            "cbs-kwb", Topics.RAW_CBS_KWB, "cbs-gebieden", Topics.RAW_CBS_GEBIEDEN, "iv3", Topics.RAW_IV3,
            "rivm", Topics.RAW_RIVM, "leefbaarometer", Topics.RAW_LEEFBAAROMETER);
    private static TestKafkaCluster cluster;
    private static TopicProbe probe;
    private static FixtureServer server;

    @BeforeAll
    static void startKafka() throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String t : RAW.values()) {
            topics.add(new NewTopic(t, 3, (short) 1));
        }
        topics.add(new NewTopic(Topics.DLQ_INGEST, 1, (short) 1));
        topics.add(new NewTopic(Topics.INGEST_CHECKPOINTS, 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        cluster = TestKafkaCluster.start(topics);
        probe = new TopicProbe(cluster.bootstrapServers());
        server = FixtureServer.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static IngestApplication app() {
        IngestConfig config = IngestConfig.from(Map.of(
                IngestConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                IngestConfig.REGISTRY_URL, REGISTRY));
        Map<String, String> open = new HashMap<>(Map.of(
                OpenDataConfig.HTTP_MAX_ATTEMPTS, "3",
                OpenDataConfig.HTTP_INITIAL_BACKOFF, "10ms",
                OpenDataConfig.HTTP_MAX_BACKOFF, "50ms",
                OpenDataConfig.RIVM_TABLES, "50090NED"));
        open.put(OpenDataConfig.FIXTURES_URL, server.baseUrl());
        return IngestApplication.start(config, OpenDataConfig.from(open), new SimpleMeterRegistry());
    }

    @Test
    @Order(1)
    void theEmbeddedDemoPullsEveryBundledFixtureThroughKafka() throws Exception {
        Map<String, Map<TopicPartition, Long>> before = new HashMap<>();
        for (String topic : RAW.values()) {
            before.put(topic, probe.endOffsets(topic));
        }
        Map<TopicPartition, Long> dlqBefore = probe.endOffsets(Topics.DLQ_INGEST);
        List<IngestReport> reports;
        SimpleMeterRegistry meters;
        try (IngestApplication app = app()) {
            reports = app.runFixtures();
            meters = (SimpleMeterRegistry) app.meterRegistry();
        }
        assertThat(reports).extracting(IngestReport::source, IngestReport::dataset, IngestReport::published)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cbs-kwb", "85984NED", 3_735),
                        org.assertj.core.groups.Tuple.tuple("cbs-gebieden", "85067NED", 345),
                        org.assertj.core.groups.Tuple.tuple("iv3", "IV3JR2023", 342),
                        org.assertj.core.groups.Tuple.tuple("rivm", "50090NED", 2_840),
                        org.assertj.core.groups.Tuple.tuple("leefbaarometer", "leefbaarometer-3.0", 56));
        assertThat(probe.appendedSince(before.get(Topics.RAW_CBS_KWB))).isEqualTo(3_735);
        assertThat(probe.appendedSince(before.get(Topics.RAW_CBS_GEBIEDEN))).isEqualTo(345);
        assertThat(probe.appendedSince(before.get(Topics.RAW_IV3))).isEqualTo(342);
        assertThat(probe.appendedSince(before.get(Topics.RAW_RIVM))).isEqualTo(2_840);
        assertThat(probe.appendedSince(before.get(Topics.RAW_LEEFBAAROMETER))).isEqualTo(56);
        assertThat(probe.appendedSince(dlqBefore)).isZero();

        Map<String, IngestCheckpoint> checkpoints = checkpoints();
        assertThat(checkpoints).containsOnlyKeys("cbs-kwb/85984NED", "cbs-gebieden/85067NED", "iv3/IV3JR2023",
                "rivm/50090NED", "leefbaarometer/leefbaarometer-3.0");
        assertThat(checkpoints.values()).allSatisfy(cp -> assertThat(cp.getCompletedAt()).isNotNull());
        assertThat(checkpoints.get("cbs-kwb/85984NED").getPagesDone()).isEqualTo(4);
        assertThat(meters.get(IngestMetrics.FRESHNESS).tags("source", "rivm", "dataset", "50090NED").gauge())
                .isNotNull();

        RawRecord amsterdam = readSince(before.get(Topics.RAW_CBS_KWB), RawRecord.class).get("cbs-kwb/85984NED/2024/GM0363");
        assertThat(amsterdam.getFields()).containsEntry("AantalInwoners_5", "931298");
        assertThat(amsterdam.getFetchedAt()).isEqualTo(OpenDataConfig.FIXTURES_FETCHED_AT);
    }

    @Test
    @Order(2)
    void aSecondRunOverUnchangedTablesPublishesNothing() throws Exception {
        Map<String, Map<TopicPartition, Long>> before = new HashMap<>();
        for (String topic : RAW.values()) {
            before.put(topic, probe.endOffsets(topic));
        }
        List<IngestReport> reports;
        try (IngestApplication app = app()) { // a new app: the checkpoints come from Kafka
            reports = app.runFixtures();
        }
        assertThat(reports).allSatisfy(r -> assertThat(r.published()).isZero());
        assertThat(reports).extracting(r -> r.skipped().get("UNCHANGED")).containsExactly(3_735, 345, 342, 2_840, 56);
        for (String topic : RAW.values()) {
            assertThat(probe.appendedSince(before.get(topic))).as(topic).isZero();
        }
    }

    @Test
    @Order(3)
    void a500OnPage3IsRetriedAndTheResultIsComplete() throws Exception {
        dropCheckpoint("iv3/IV3JR2023");
        Map<TopicPartition, Long> before = probe.endOffsets(Topics.RAW_IV3);
        String page3 = "dataderden.cbs.nl/ODataApi/odata/IV3JR2023/TypedDataSet@skip-20000";
        server.inject(page3, new FixtureServer.Fault.Status(500, null), 1);
        long requestsBefore = server.requestCount(page3);
        IngestReport report;
        try (IngestApplication app = app()) {
            report = app.pull("iv3", "IV3JR2023");
        }
        // at least: a healthy answer slower than the request timeout on a loaded machine is fetched again too
        assertThat(server.requestCount(page3) - requestsBefore).isGreaterThanOrEqualTo(2);
        assertThat(report.published()).isEqualTo(342);
        assertThat(probe.appendedSince(before)).isEqualTo(342);
        Map<String, RawRecord> records = readSince(before, RawRecord.class);
        assertThat(records).hasSize(342);
        assertThat(records.values()).allSatisfy(r -> assertThat(
                r.getFields().keySet().stream().filter(k -> k.startsWith("lasten:")).count()).isEqualTo(71));
    }

    @Test
    @Order(4)
    void aTruncatedPageEndsUpInTheDlqWithTheRestIntact() throws Exception {
        dropCheckpoint("cbs-gebieden/85067NED");
        Map<TopicPartition, Long> before = probe.endOffsets(Topics.RAW_CBS_GEBIEDEN);
        Map<TopicPartition, Long> dlqBefore = probe.endOffsets(Topics.DLQ_INGEST);
        String page3 = "opendata.cbs.nl/ODataApi/odata/85067NED/TypedDataSet@skip-200";
        server.inject(page3, new FixtureServer.Fault.Truncate(0.5), 1);
        IngestReport report;
        try (IngestApplication app = app()) {
            report = app.pull("cbs-gebieden", "85067NED");
        }
        assertThat(report.published()).isEqualTo(245);
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(probe.appendedSince(before)).isEqualTo(245);
        List<ConsumerRecord<String, byte[]>> dlq = probe.readSince(dlqBefore);
        assertThat(dlq).hasSize(1);
        DeadLetter d = TopicProbe.decode(dlq.get(0).value(), DeadLetter.class);
        assertThat(d.getReasonCode()).isEqualTo("MALFORMED_PAGE");
        assertThat(d.getStage()).isEqualTo("ingest");
        assertThat(d.getHeaders().get("uri")).endsWith("/opendata.cbs.nl/ODataApi/odata/85067NED/TypedDataSet?$format=json&$skip=200");
        byte[] full = TestResources.bytes("fixtures/" + page3 + ".json");
        assertThat(d.getOriginalValue().remaining()).isEqualTo(full.length / 2);
        Set<String> ids = readSince(before, RawRecord.class).keySet();
        assertThat(ids).hasSize(245).contains("cbs-gebieden/85067NED/2022/GM1680", "cbs-gebieden/85067NED/2022/GM0363")
                .doesNotContain("cbs-gebieden/85067NED/2022/GM1699"); // Noordenveld opens the truncated page
        // not complete: no version stamp, so the next run cannot take the table for unchanged
        IngestCheckpoint lost = checkpoints().get("cbs-gebieden/85067NED");
        assertThat(lost.getModified()).isNull();
        assertThat(lost.getEtag()).isNull();

        Map<TopicPartition, Long> retryBefore = probe.endOffsets(Topics.RAW_CBS_GEBIEDEN);
        IngestReport retry;
        try (IngestApplication app = app()) { // the fault was injected once: the page reads now
            retry = app.pull("cbs-gebieden", "85067NED");
        }
        assertThat(retry.published()).isEqualTo(100);
        assertThat(retry.deadLettered()).isZero();
        assertThat(retry.skipped()).containsEntry("UNCHANGED", 245);
        Set<String> missing = readSince(retryBefore, RawRecord.class).keySet();
        assertThat(missing).hasSize(100).contains("cbs-gebieden/85067NED/2022/GM1699").doesNotContainAnyElementsOf(ids);
        IngestCheckpoint complete = checkpoints().get("cbs-gebieden/85067NED");
        assertThat(complete.getModified()).isNotNull();
        assertThat(complete.getCompletedAt()).isNotNull();
        assertThat(complete.getRecordCount()).isEqualTo(345);
    }

    @Test
    @Order(5)
    void aPullThatDiesHalfWayResumesFromItsCheckpoint() throws Exception {
        dropCheckpoint("rivm/50090NED");
        Map<TopicPartition, Long> before = probe.endOffsets(Topics.RAW_RIVM);
        String page3 = "dataderden.cbs.nl/ODataApi/odata/50090NED/UntypedDataSet@skip-2000";
        server.inject(page3, new FixtureServer.Fault.Status(503, null), 3); // every attempt of the first pull
        try (IngestApplication app = app()) {
            assertThat(catchThrowable(() -> app.pull("rivm", "50090NED"))).isNotNull();
        }
        // 2 pages of 1,000 rows, minus 5 NL01 rows, minus the last row: its group (the margins of one estimate)
        // might continue on the next page, so it is held, and the checkpoint resumes at it
        assertThat(probe.appendedSince(before)).isEqualTo(1_994);
        IngestCheckpoint half = checkpoints().get("rivm/50090NED");
        assertThat(half.getCompletedAt()).isNull();
        assertThat(half.getResumeLink()).isEqualTo(
                "https://dataderden.cbs.nl/ODataApi/odata/50090NED/UntypedDataSet?$format=json&$skip=1000");
        assertThat(half.getResumeSkipRows()).isEqualTo(999);
        assertThat(half.getRecordsPublished()).isEqualTo(1_994);
        server.clearRequests();

        IngestReport resumed;
        try (IngestApplication app = app()) {
            resumed = app.pull("rivm", "50090NED");
        }
        assertThat(resumed.published()).isEqualTo(846);
        assertThat(server.requests()).containsExactly("dataderden.cbs.nl/ODataApi/odata/50090NED/TableInfos",
                "dataderden.cbs.nl/ODataApi/odata/50090NED/UntypedDataSet@skip-1000", page3);
        assertThat(probe.appendedSince(before)).isEqualTo(2_840);
        assertThat(readSince(before, RawRecord.class)).hasSize(2_840);
        assertThat(checkpoints().get("rivm/50090NED").getRecordCount()).isEqualTo(2_840);
    }

    @Test
    @Order(6)
    void theCliPullsTheChosenSourcesAndExitsZero() throws Exception {
        dropCheckpoint("leefbaarometer/leefbaarometer-3.0");
        Map<TopicPartition, Long> before = probe.endOffsets(Topics.RAW_LEEFBAAROMETER);
        Map<TopicPartition, Long> kwbBefore = probe.endOffsets(Topics.RAW_CBS_KWB);
        int exit = IngestApplication.runStandalone(new String[] {"pull", "--fixtures=" + server.baseUrl(), "--sources=leefbaarometer",
                "--set", IngestConfig.BOOTSTRAP_SERVERS + "=" + cluster.bootstrapServers(),
                "--set", IngestConfig.REGISTRY_URL + "=" + REGISTRY});
        assertThat(exit).isZero();
        assertThat(probe.appendedSince(before)).isEqualTo(56);
        assertThat(probe.appendedSince(kwbBefore)).isZero();
        assertThat(IngestApplication.runStandalone(new String[] {"pull", "--kwb-years=1999"})).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void dropCheckpoint(String key) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.INGEST_CHECKPOINTS, key, null)).get();
        }
    }

    private static Map<String, IngestCheckpoint> checkpoints() throws Exception {
        Map<String, IngestCheckpoint> latest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : probe.readSince(probe.beginning(Topics.INGEST_CHECKPOINTS))) {
            if (r.value() == null) {
                latest.remove(r.key());
            } else {
                latest.put(r.key(), TopicProbe.decode(r.value(), IngestCheckpoint.class));
            }
        }
        return latest;
    }

    private static <T> Map<String, T> readSince(Map<TopicPartition, Long> before, Class<T> type) throws Exception {
        Map<String, T> byKey = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : probe.readSince(before)) {
            assertThat(seen.add(r.key())).as("published twice: %s", r.key()).isTrue();
            byKey.put(r.key(), TopicProbe.decode(r.value(), type));
        }
        return byKey;
    }
}
