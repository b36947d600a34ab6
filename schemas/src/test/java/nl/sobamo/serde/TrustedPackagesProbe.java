package nl.sobamo.serde;

import java.util.Map;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Serde;

/**
 * Runs in a JVM started without {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}, as an application would be, and
 * exits non-zero unless the serdes still round-trip. See {@link AvroTrustedPackagesTest}.
 */
public final class TrustedPackagesProbe {

    private TrustedPackagesProbe() {
    }

    public static void main(String[] args) {
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") != null
                || SpecificDatumReader.SERIALIZABLE_PACKAGES.length != 0) {
            fail("probe JVM unexpectedly trusts " + String.join(",", SpecificDatumReader.SERIALIZABLE_PACKAGES));
        }
        String url = "mock://trusted-packages-probe";
        // Target class resolved from the writer schema, the path that would need trust if any did.
        SobamoAvroSerializer<RawRecord> serializer = new SobamoAvroSerializer<>();
        serializer.configure(Map.of(RegistryConfig.URL, url), false);
        SobamoAvroDeserializer<RawRecord> deserializer = new SobamoAvroDeserializer<>();
        deserializer.configure(Map.of(RegistryConfig.URL, url), false);
        RawRecord raw = TestRecords.rawRecord();
        if (!raw.equals(deserializer.deserialize("raw", serializer.serialize("raw", raw)))) {
            fail("RawRecord did not survive the round trip");
        }
        Serde<Observation> observations = AvroSerdes.specific(Observation.class, url, false);
        Observation observation = TestRecords.observation();
        if (!observation.equals(observations.deserializer().deserialize("obs",
                observations.serializer().serialize("obs", observation)))) {
            fail("Observation did not survive the round trip");
        }
        System.out.println("round trips ok without trusted packages");
    }

    private static void fail(String message) {
        System.out.println(message);
        System.exit(1);
    }
}
