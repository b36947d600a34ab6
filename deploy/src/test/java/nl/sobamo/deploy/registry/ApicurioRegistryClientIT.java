package nl.sobamo.deploy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.sobamo.deploy.platform.EmbeddedPlatform;
import nl.sobamo.deploy.platform.PlatformConfig;
import nl.sobamo.registry.CompatibilityLevel;
import nl.sobamo.registry.IncompatibleSchemaException;
import nl.sobamo.registry.RegisteredSchema;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.registry.RestSchemaRegistryClient;
import nl.sobamo.registry.SchemaRegistryClient;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.serde.AvroSerdes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our registry client and serde against the real Apicurio Registry and a real KRaft broker. */
class ApicurioRegistryClientIT {

    @TempDir
    static Path dataDir;
    static EmbeddedPlatform platform;
    static SchemaRegistryClient client;

    @BeforeAll
    static void start() {
        platform = new EmbeddedPlatform(PlatformConfig.defaults(dataDir)).start();
        client = new RestSchemaRegistryClient(RegistryConfig.of(platform.registryUrl()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void registerLookupLatestAndCompatibility() {
        String subject = "it-" + UUID.randomUUID() + "-value";
        Schema v1 = SchemaBuilder.record("Thing").namespace("nl.sobamo.it").fields().requiredString("name").endRecord();
        int id = client.register(subject, v1);

        assertThat(client.getById(id)).isEqualTo(v1);
        assertThat(client.lookupId(subject, v1)).isEqualTo(id);
        RegisteredSchema latest = client.getLatest(subject);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(latest.version()).isEqualTo(1);
        assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);

        Schema compatible = SchemaBuilder.record("Thing").namespace("nl.sobamo.it").fields().requiredString("name")
                .name("note").type().nullable().stringType().stringDefault(null).endRecord();
        Schema incompatible = SchemaBuilder.record("Thing").namespace("nl.sobamo.it").fields().requiredString("name")
                .requiredInt("count").endRecord();
        assertThat(client.testCompatibility(subject, compatible)).isTrue();
        assertThat(client.testCompatibility(subject, incompatible)).isFalse();
        assertThatThrownBy(() -> client.register(subject, incompatible))
                .isInstanceOf(IncompatibleSchemaException.class).hasMessageContaining(subject);
        assertThat(client.register(subject, compatible)).isNotEqualTo(id);
        assertThat(client.getLatest(subject).version()).isEqualTo(2);
    }

    @Test
    void subjectCompatibilityCanBeSetAndRead() {
        String subject = "it-" + UUID.randomUUID() + "-value";
        client.register(subject, SchemaBuilder.record("A").fields().requiredString("x").endRecord());
        client.setCompatibility(subject, CompatibilityLevel.FULL);
        assertThat(client.getCompatibility(subject)).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void addingAnOptionalFieldToObservationStaysBackwardCompatible() {
        String subject = "it-observation-" + UUID.randomUUID() + "-value";
        client.register(subject, Observation.getClassSchema());
        Schema evolved = new Schema.Parser().parse(Observation.getClassSchema().toString()
                .replace("{\"name\":\"schemaVersion\"",
                        "{\"name\":\"comment\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"schemaVersion\""));
        assertThat(evolved.getField("comment")).isNotNull();
        assertThat(client.testCompatibility(subject, evolved)).isTrue();
    }

    @Test
    void serdeRoundTripThroughRealKafkaInConfluentWireFormat() throws Exception {
        String topic = "it-raw-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Map<String, String> fields = new HashMap<>();
        fields.put("AantalInwoners_5", "931298");
        fields.put("Bevolkingsdichtheid_34", null);
        RawRecord record = RawRecord.newBuilder().setRecordId("cbs-kwb/85984NED/2024/GM0363").setSource("cbs-kwb")
                .setDataset("85984NED").setPeriod("2024").setAreaCode("GM0363").setFields(fields)
                .setFetchedAt(Instant.parse("2025-04-19T00:00:00Z")).setUri("classpath:data").build();
        try (KafkaProducer<String, RawRecord> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()), new StringSerializer(),
                AvroSerdes.specific(RawRecord.class, platform.registryUrl(), false).serializer())) {
            producer.send(new ProducerRecord<>(topic, record.getRecordId(), record)).get();
        }
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            byte[] bytes = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (bytes == null && System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    bytes = records.iterator().next().value();
                }
            }
            assertThat(bytes).isNotNull();
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            assertThat(buffer.get()).isEqualTo((byte) 0);
            int id = buffer.getInt();
            assertThat(client.getById(id)).isEqualTo(RawRecord.getClassSchema());
            assertThat(client.getLatest(topic + "-value").id()).isEqualTo(id);
            RawRecord back = AvroSerdes.specific(RawRecord.class, platform.registryUrl(), false).deserializer()
                    .deserialize(topic, bytes);
            assertThat(back).isEqualTo(record);
        }
    }
}
