package nl.sobamo.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import nl.sobamo.registry.FakeSchemaRegistry;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.registry.RegistryUnavailableException;
import nl.sobamo.registry.RestSchemaRegistryClient;
import nl.sobamo.registry.SchemaNotFoundException;
import nl.sobamo.registry.SchemaRegistryClient;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serdes against a registry over real HTTP: wire format, subjects, and what happens when things go wrong. */
class HttpRegistrySerdeTest {

    private static final String TOPIC = "sobamo.raw.cbs-kwb.v1";

    private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();
    private final SchemaRegistryClient client = new RestSchemaRegistryClient(registry.config());

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void writesConfluentWireFormatByteForByte() throws IOException {
        registry.setNextId(258);
        SobamoAvroSerializer<RawRecord> serializer = new SobamoAvroSerializer<>(client, AvroSerdeConfig.forValue());
        RawRecord record = TestRecords.rawRecord();

        byte[] bytes = serializer.serialize(TOPIC, record);

        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0x00, 0x00, 0x00, 0x01, 0x02);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avroBinary(record));
        assertThat(registry.subjects()).containsExactly(TOPIC + "-value");
        assertThat(registry.schema(258)).isEqualTo(RawRecord.getClassSchema());
    }

    @Test
    void keysAndValuesUseTopicNameStrategySubjects() {
        new SobamoAvroSerializer<MunicipalitySphereKey>(client, AvroSerdeConfig.forKey())
                .serialize("sobamo.observations.v1", TestRecords.key());
        new SobamoAvroSerializer<Observation>(client, AvroSerdeConfig.forValue())
                .serialize("sobamo.observations.v1", TestRecords.observation());

        assertThat(registry.subjects())
                .containsExactly("sobamo.observations.v1-key", "sobamo.observations.v1-value");
        assertThat(TopicNameStrategy.subject("t", true)).isEqualTo("t-key");
    }

    @Test
    void roundTripsOverHttpWithOneRegistryCallPerSchema() {
        Map<String, Object> config = new HashMap<>(registry.clientProperties());
        Serde<RawRecord> raw = AvroSerdes.specific(RawRecord.class, config, false);
        Serde<Observation> observations = AvroSerdes.specific(Observation.class, config, false);
        Serde<DeadLetter> deadLetters = AvroSerdes.specific(DeadLetter.class, config, false);

        for (int i = 0; i < 3; i++) {
            assertThat(roundTrip(raw, "raw", TestRecords.rawRecord())).isEqualTo(TestRecords.rawRecord());
            assertThat(roundTrip(observations, "obs", TestRecords.observation())).isEqualTo(TestRecords.observation());
            assertThat(roundTrip(deadLetters, "dlq", TestRecords.deadLetter())).isEqualTo(TestRecords.deadLetter());
        }

        // Serializer and deserializer share one cached client per configuration: three registrations, and the
        // deserializers find the ids in the cache the registrations filled.
        assertThat(registry.requests()).extracting(r -> r.method() + " " + r.rawPath()).containsExactly(
                "POST /subjects/raw-value/versions",
                "POST /subjects/obs-value/versions",
                "POST /subjects/dlq-value/versions");
    }

    @Test
    void withoutAutoRegisterAMissingSchemaFailsNamingTopicAndSubject() {
        SobamoAvroSerializer<RawRecord> serializer = new SobamoAvroSerializer<>(client,
                AvroSerdeConfig.forValue().withAutoRegisterSchemas(false));

        assertThatThrownBy(() -> serializer.serialize(TOPIC, TestRecords.rawRecord()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject '" + TOPIC + "-value'")
                .hasMessageContaining("topic '" + TOPIC + "'")
                .hasMessageContaining("auto.register.schemas is false")
                .hasCauseInstanceOf(SchemaNotFoundException.class);
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void withoutAutoRegisterAnExistingSchemaIsLookedUp() {
        int id = client.register(TOPIC + "-value", RawRecord.getClassSchema());
        SobamoAvroSerializer<RawRecord> serializer = new SobamoAvroSerializer<>();
        serializer.configure(Map.of(RegistryConfig.URL, registry.url(), "auto.register.schemas", "false"), false);

        byte[] bytes = serializer.serialize(TOPIC, TestRecords.rawRecord());

        assertThat(WireFormatTestSupport.schemaIdOf(bytes)).isEqualTo(id);
        assertThat(registry.requests()).extracting(r -> r.method() + " " + r.rawPath())
                .containsExactly("POST /subjects/" + TOPIC + "-value/versions", "POST /subjects/" + TOPIC + "-value");
    }

    @Test
    void unknownSchemaIdOnDeserializeNamesTheId() {
        byte[] bytes = {0, 0, 0, 0x30, 0x39, 2, 'x'}; // schema id 12345
        SobamoAvroDeserializer<RawRecord> deserializer = new SobamoAvroDeserializer<>(client, RawRecord.class);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 12345")
                .hasMessageContaining("topic '" + TOPIC + "'")
                .hasCauseInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void registryDownIsAClearSerializationExceptionAfterRetries() {
        String url = FakeSchemaRegistry.closedPortUrl();
        SobamoAvroSerializer<RawRecord> serializer = new SobamoAvroSerializer<>();
        serializer.configure(Map.of(RegistryConfig.URL, url, RegistryConfig.MAX_RETRIES, "2",
                RegistryConfig.RETRY_BACKOFF_MS, "1", RegistryConfig.RETRY_BACKOFF_MAX_MS, "1"), false);
        SobamoAvroDeserializer<RawRecord> deserializer = new SobamoAvroDeserializer<>(
                new RestSchemaRegistryClient(RegistryConfig.of(url).withRetries(1, java.time.Duration.ZERO,
                        java.time.Duration.ZERO)), RawRecord.class);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, TestRecords.rawRecord()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic '" + TOPIC + "'")
                .hasMessageContaining(url)
                .hasMessageContaining("after 3 attempts")
                .hasCauseInstanceOf(RegistryUnavailableException.class);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 1")
                .hasMessageContaining("after 2 attempts")
                .hasCauseInstanceOf(RegistryUnavailableException.class);
    }

    @Test
    void transientRegistryErrorsAreRiddenOut() {
        registry.failNext(2, 503);
        SobamoAvroSerializer<RawRecord> serializer = new SobamoAvroSerializer<>();
        serializer.configure(registry.clientProperties(), false);

        byte[] bytes = serializer.serialize(TOPIC, TestRecords.rawRecord());

        assertThat(new SobamoAvroDeserializer<>(client, RawRecord.class).deserialize(TOPIC, bytes))
                .isEqualTo(TestRecords.rawRecord());
        assertThat(registry.requestCount()).isEqualTo(4); // 2 failures, the registration, the consumer's fetch
    }

    @Test
    void recordsWrittenWithAnOlderSchemaDecodeIntoTheCurrentClass() throws IOException {
        // The RawRecord schema as it was before "location", "contentHash" and "licence" were added.
        Schema old = withoutFields(RawRecord.getClassSchema(), "location", "contentHash", "licence");
        int oldId = client.register(TOPIC + "-value", old);
        GenericRecord written = new GenericData.Record(old);
        RawRecord current = TestRecords.rawRecord();
        for (Schema.Field field : old.getFields()) {
            written.put(field.name(), field.name().equals("fetchedAt")
                    ? current.getFetchedAt().toEpochMilli() : current.get(field.name()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0, (byte) (oldId >>> 24), (byte) (oldId >>> 16), (byte) (oldId >>> 8), (byte) oldId});
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(old).write(written, encoder);
        encoder.flush();

        RawRecord read = new SobamoAvroDeserializer<RawRecord>(client, null).deserialize(TOPIC, out.toByteArray());

        assertThat(read.getRecordId()).isEqualTo(current.getRecordId());
        assertThat(read.getFields()).isEqualTo(current.getFields());
        assertThat(read.getFetchedAt()).isEqualTo(current.getFetchedAt());
        assertThat(read.getContentHash()).isNull(); // the reader's default
    }

    @Test
    void writerSchemaOutsideTrustedPackagesIsNotResolvedToAClass() {
        Schema foreign = org.apache.avro.SchemaBuilder.record("Gadget").namespace("com.example.evil").fields()
                .requiredString("x").endRecord();
        int id = client.register("foreign-value", foreign);
        SobamoAvroDeserializer<SpecificRecord> deserializer = new SobamoAvroDeserializer<>(client, null);

        assertThatThrownBy(() -> deserializer.deserialize("foreign", new byte[] {0, 0, 0, 0, (byte) id, 2, 'a'}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("com.example.evil.Gadget")
                .hasMessageContaining("SERIALIZABLE_PACKAGES")
                .hasMessageContaining(AvroSerdeConfig.VALUE_TYPE);
    }

    private static <T> T roundTrip(Serde<T> serde, String topic, T value) {
        return serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, value));
    }

    private static byte[] avroBinary(RawRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(RawRecord.class).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Schema withoutFields(Schema schema, String... removed) {
        java.util.List<String> drop = Arrays.asList(removed);
        java.util.List<Schema.Field> kept = schema.getFields().stream()
                .filter(f -> !drop.contains(f.name()))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, kept);
    }
}
