package nl.sobamo.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.testkit.kafka.TestKafkaCluster;
import nl.sobamo.testkit.kafka.TopicProbe;
import nl.sobamo.topics.Topics;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded app against a real in-JVM KRaft broker: a run returns only once every record is on the topic, and
 * the endpoint passes the registry URL and durability settings on to Kafka.
 */
class IngestApplicationIT {

    private static final String REGISTRY = "http://registry.invalid/apis/ccompat/v7";
    private static TestKafkaCluster cluster;
    private static TopicProbe probe;

    @BeforeAll
    static void startKafka() throws Exception {
        cluster = TestKafkaCluster.start(List.of(
                new NewTopic(Topics.RAW_CBS_KWB, 3, (short) 1),
                new NewTopic(Topics.RAW_IV3, 3, (short) 1),
                new NewTopic(Topics.DLQ_INGEST, 1, (short) 1)));
        probe = new TopicProbe(cluster.bootstrapServers());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void bundledRunsReturnOnlyAfterEveryRecordIsOnTheTopic() throws Exception {
        IngestConfig config = IngestConfig.from(Map.of(
                IngestConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                IngestConfig.REGISTRY_URL, REGISTRY,
                IngestConfig.VALUE_SERIALIZER, AvroBinarySerializer.class.getName()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Map<TopicPartition, Long> kwbBefore = probe.endOffsets(Topics.RAW_CBS_KWB);
        Map<TopicPartition, Long> iv3Before = probe.endOffsets(Topics.RAW_IV3);
        Map<TopicPartition, Long> dlqBefore = probe.endOffsets(Topics.DLQ_INGEST);

        IngestReport kwb;
        IngestReport iv3;
        try (IngestApplication app = IngestApplication.start(config, registry)) {
            kwb = app.runBundledKwb();
            // no waiting: the end offset is read the moment the run returned
            assertThat(probe.appendedSince(kwbBefore)).isEqualTo(3_735);
            iv3 = app.runBundledIv3();
            assertThat(probe.appendedSince(iv3Before)).isEqualTo(342);
        }
        assertThat(probe.appendedSince(dlqBefore)).isZero();
        assertThat(kwb.published()).isEqualTo(3_735);
        assertThat(iv3.published()).isEqualTo(342);
        assertThat(iv3.skipped()).isEqualTo(Map.of("AGGREGATE_ROW", 1));
        assertThat(AvroBinarySerializer.lastConfigs)
                .containsEntry("schema.registry.url", REGISTRY)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true);
        assertThat(registry.get(IngestMetrics.RECORDS.name()).tags("source", "cbs-kwb", "outcome", "published")
                .counter().count()).isEqualTo(3_735.0);

        Map<String, RawRecord> iv3Records = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : probe.readSince(iv3Before)) {
            iv3Records.put(r.key(), decode(ByteBuffer.wrap(r.value()), RawRecord.class));
        }
        assertThat(iv3Records).hasSize(342);
        RawRecord amsterdam = iv3Records.get("iv3/iv3-jaarrekening-2023/2023/Amsterdam");
        assertThat(amsterdam.getFields()).containsEntry("lasten:6.1", "264333.0");
        assertThat(amsterdam.getFetchedAt()).isEqualTo(Instant.parse("2025-04-28T00:00:00Z"));
    }

    /**
     * With the schemas module's registry serializer (when that jar has it) and its in-memory registry: values are
     * in the Confluent wire format, magic byte 0 and a 4-byte schema id before the Avro binary.
     */
    @Test
    void theRegistrySerializerWritesTheConfluentWireFormat() throws Exception {
        assumeTrue(classExists(IngestConfig.defaults().valueSerializer()), "serializer not in the schemas jar yet");
        IngestConfig config = IngestConfig.from(Map.of(
                IngestConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                IngestConfig.REGISTRY_URL, "mock://ingest-it"));
        Map<TopicPartition, Long> rawBefore = probe.endOffsets(Topics.RAW_IV3);
        Map<TopicPartition, Long> dlqBefore = probe.endOffsets(Topics.DLQ_INGEST);

        try (IngestApplication app = IngestApplication.start(config)) {
            IngestReport report = app.runIv3("classpath:" + TestResources.IV3_MALFORMED);
            assertThat(report.published()).isEqualTo(3);
            assertThat(report.deadLettered()).isEqualTo(5);
        }

        List<ConsumerRecord<String, byte[]>> raw = probe.readSince(rawBefore);
        assertThat(raw).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                "iv3/iv3-jaarrekening-2023/2023/Testdam", "iv3/iv3-jaarrekening-2023/2023/Proefwijk",
                "iv3/iv3-jaarrekening-2023/2023/Voorbeeldstad");
        for (ConsumerRecord<String, byte[]> r : raw) {
            ByteBuffer value = ByteBuffer.wrap(r.value());
            assertThat(value.get()).isZero();
            value.getInt(); // schema id, assigned by the registry
            assertThat(decode(value, RawRecord.class).getRecordId()).isEqualTo(r.key());
        }
        List<ConsumerRecord<String, byte[]>> dlq = probe.readSince(dlqBefore);
        assertThat(dlq).hasSize(5);
        ByteBuffer first = ByteBuffer.wrap(dlq.get(0).value());
        assertThat(first.get()).isZero();
        first.getInt();
        assertThat(decode(first, DeadLetter.class).getMessage())
                .isEqualTo("line 4: duplicate taakveld 6.1 for Testdam (first on line 3)");
    }

    @Test
    void standaloneMainIngestsBothBundlesAndEnds() throws Exception {
        Map<TopicPartition, Long> kwbBefore = probe.endOffsets(Topics.RAW_CBS_KWB);
        Map<TopicPartition, Long> iv3Before = probe.endOffsets(Topics.RAW_IV3);
        // main() reads its config like a deployment would: here from system properties
        System.setProperty(IngestConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
        System.setProperty(IngestConfig.VALUE_SERIALIZER, AvroBinarySerializer.class.getName());
        int exitCode;
        try {
            exitCode = IngestApplication.runStandalone(new String[0]);
        } finally {
            System.clearProperty(IngestConfig.BOOTSTRAP_SERVERS);
            System.clearProperty(IngestConfig.VALUE_SERIALIZER);
        }
        assertThat(exitCode).isZero();
        assertThat(probe.appendedSince(kwbBefore)).isEqualTo(3_735);
        assertThat(probe.appendedSince(iv3Before)).isEqualTo(342);
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static <T> T decode(ByteBuffer avro, Class<T> type) throws Exception {
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        return reader.read(null, DecoderFactory.get().binaryDecoder(avro.array(), avro.arrayOffset() + avro.position(),
                avro.remaining(), null));
    }
}
