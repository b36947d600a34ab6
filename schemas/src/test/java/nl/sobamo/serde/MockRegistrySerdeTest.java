package nl.sobamo.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.registry.SchemaRegistryClient;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serdes as other modules use them in tests: configured by class name or factory against mock://. */
class MockRegistrySerdeTest {

    private static final String TOPIC = "sobamo.observations.v1";

    private final String url = "mock://" + getClass().getSimpleName() + "-" + UUID.randomUUID();

    @AfterEach
    void dropScope() {
        SchemaRegistryClients.dropScope(url);
    }

    @Test
    void serdesFromTheFactoryRoundTripRecordsWithNullsMapsAndBytes() {
        Serde<RawRecord> raw = AvroSerdes.specific(RawRecord.class, url, false);
        Serde<Observation> observations = AvroSerdes.specific(Observation.class, url, false);
        Serde<DeadLetter> deadLetters = AvroSerdes.specific(DeadLetter.class, url, false);

        RawRecord rawRecord = TestRecords.rawRecord();
        Observation observation = TestRecords.observation();
        DeadLetter deadLetter = TestRecords.deadLetter();

        assertThat(raw.deserializer().deserialize("raw", raw.serializer().serialize("raw", rawRecord)))
                .isEqualTo(rawRecord)
                .satisfies(r -> assertThat(r.getFields()).containsEntry("GemiddeldInkomenPerInwoner_66", null));
        assertThat(observations.deserializer().deserialize(TOPIC,
                observations.serializer().serialize(TOPIC, observation)))
                .isEqualTo(observation)
                .satisfies(o -> {
                    assertThat(o.getLowerBound()).isNull();
                    assertThat(o.getUpperBound()).isEqualTo(950000.5);
                    assertThat(o.getIngestedAt()).isEqualTo(TestRecords.FETCHED_AT.plusSeconds(60));
                });
        assertThat(deadLetters.deserializer().deserialize("dlq", deadLetters.serializer().serialize("dlq", deadLetter)))
                .isEqualTo(deadLetter);
    }

    @Test
    void separatelyConfiguredSerializerAndDeserializerShareTheMockScope() throws Exception {
        // What a Kafka producer and consumer (or Camel endpoints) do: instantiate by class name, then configure.
        @SuppressWarnings("unchecked")
        Serializer<MunicipalitySphereKey> serializer =
                Utils.newInstance(SobamoAvroSerializer.class.getName(), Serializer.class);
        @SuppressWarnings("unchecked")
        Deserializer<MunicipalitySphereKey> deserializer =
                Utils.newInstance(SobamoAvroDeserializer.class.getName(), Deserializer.class);
        serializer.configure(Map.of(RegistryConfig.URL, url), true);
        deserializer.configure(Map.of(RegistryConfig.URL, url), true);

        byte[] bytes = serializer.serialize(TOPIC, TestRecords.key());

        // No target type configured: the class is found from the writer schema's name.
        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(TestRecords.key());
        SchemaRegistryClient registry = SchemaRegistryClients.forConfig(RegistryConfig.of(url));
        assertThat(registry.getLatest(TOPIC + "-key").schema()).isEqualTo(MunicipalitySphereKey.getClassSchema());
    }

    @Test
    void configuredValueTypeIsUsedAsReaderClass() {
        SobamoAvroDeserializer<RawRecord> deserializer = new SobamoAvroDeserializer<>();
        deserializer.configure(Map.of(RegistryConfig.URL, url, AvroSerdeConfig.VALUE_TYPE, RawRecord.class.getName()),
                false);
        byte[] bytes = AvroSerdes.specific(RawRecord.class, url, false).serializer().serialize("raw",
                TestRecords.rawRecord());

        assertThat(deserializer.deserialize("raw", bytes)).isInstanceOf(RawRecord.class)
                .isEqualTo(TestRecords.rawRecord());
    }

    @Test
    void configuredTypeThatIsNotAGeneratedRecordIsRejectedAtConfigureTime() {
        SobamoAvroDeserializer<RawRecord> deserializer = new SobamoAvroDeserializer<>();

        assertThatThrownBy(() -> deserializer.configure(
                Map.of(RegistryConfig.URL, url, AvroSerdeConfig.KEY_TYPE, String.class.getName()), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.KEY_TYPE)
                .hasMessageContaining("SpecificRecord");
        assertThatThrownBy(() -> deserializer.configure(
                Map.of(RegistryConfig.URL, url, AvroSerdeConfig.KEY_TYPE, "nl.sobamo.schemas.NoSuchRecord"), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nl.sobamo.schemas.NoSuchRecord");
    }

    @Test
    void defaultSerdeByClassNameReadsTheTypeFromConfiguration() throws Exception {
        // How Kafka Streams uses default.value.serde: reflective instantiation plus the app's configuration.
        @SuppressWarnings("unchecked")
        Serde<Observation> serde = Utils.newInstance(SobamoAvroSerde.class.getName(), Serde.class);
        serde.configure(Map.of(RegistryConfig.URL, url, AvroSerdeConfig.VALUE_TYPE, Observation.class), false);

        byte[] bytes = serde.serializer().serialize(TOPIC, TestRecords.observation());

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(TestRecords.observation());
        assertThat(SchemaRegistryClients.forConfig(RegistryConfig.of(url)).lookupId(TOPIC + "-value",
                Observation.getClassSchema())).isEqualTo(WireFormatTestSupport.schemaIdOf(bytes));
    }

    @Test
    void tombstonesStayNull() {
        Serde<RawRecord> serde = AvroSerdes.specific(RawRecord.class, url, false);

        assertThat(serde.serializer().serialize("raw", null)).isNull();
        assertThat(serde.deserializer().deserialize("raw", null)).isNull();
        assertThat(serde.deserializer().deserialize("raw", new byte[0])).isNull();
    }

    @Test
    void unconfiguredSerializerSaysHowToConfigureIt() {
        SobamoAvroSerializer<RawRecord> serializer = new SobamoAvroSerializer<>();

        assertThatThrownBy(() -> serializer.serialize("raw", TestRecords.rawRecord()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure");
    }

    @Test
    void missingRegistryUrlNamesTheKey() {
        SobamoAvroSerializer<RawRecord> serializer = new SobamoAvroSerializer<>();

        assertThatThrownBy(() -> serializer.configure(Map.of(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(RegistryConfig.URL);
    }

    @Test
    void payloadWithForeignMagicByteIsRejected() {
        Serde<RawRecord> serde = AvroSerdes.specific(RawRecord.class, url, false);
        byte[] bytes = serde.serializer().serialize("raw", TestRecords.rawRecord());
        bytes[0] = 0x7b; // '{', as if someone wrote JSON to the topic

        assertThatThrownBy(() -> serde.deserializer().deserialize("raw", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining("'raw'");
    }

    @Test
    void truncatedPayloadIsASerializationException() {
        Serde<RawRecord> serde = AvroSerdes.specific(RawRecord.class, url, false);
        byte[] bytes = serde.serializer().serialize("raw", TestRecords.rawRecord());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        byte[] headerOnly = java.util.Arrays.copyOf(bytes, 3);

        assertThatThrownBy(() -> serde.deserializer().deserialize("raw", truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id " + WireFormatTestSupport.schemaIdOf(bytes));
        assertThatThrownBy(() -> serde.deserializer().deserialize("raw", headerOnly))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void recordMissingARequiredFieldIsASerializationExceptionNamingTheTopic() {
        Serde<RawRecord> serde = AvroSerdes.specific(RawRecord.class, url, false);
        RawRecord incomplete = new RawRecord(); // all fields null, several are required

        assertThatThrownBy(() -> serde.serializer().serialize("raw", incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'raw'")
                .hasMessageContaining(RawRecord.class.getName());
    }
}
