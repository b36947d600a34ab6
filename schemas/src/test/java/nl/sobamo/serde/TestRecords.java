package nl.sobamo.serde;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.IndicatorKind;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.schemas.SourceRef;
import nl.sobamo.schemas.Sphere;

/** Realistic instances of the generated records, exercising nulls, maps, unions, bytes and timestamps. */
final class TestRecords {

    static final Instant FETCHED_AT = Instant.parse("2025-03-01T10:15:30.123Z");

    private TestRecords() {
    }

    static RawRecord rawRecord() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("WijkenEnBuurten", "GM0363");
        fields.put("AantalInwoners_5", "931298");
        fields.put("GemiddeldInkomenPerInwoner_66", null);
        return RawRecord.newBuilder()
                .setRecordId("cbs-kwb/85984NED/2024JJ00/GM0363")
                .setSource("cbs-kwb")
                .setDataset("85984NED")
                .setPeriod("2024JJ00")
                .setAreaCode("GM0363")
                .setFields(fields)
                .setFetchedAt(FETCHED_AT)
                .setUri("https://opendata.cbs.nl/ODataApi/odata/85984NED")
                .setLocation(null)
                .setContentHash("ab12")
                .setLicence(null)
                .build();
    }

    static Observation observation() {
        return Observation.newBuilder()
                .setObservationId("obs-1")
                .setIndicatorId("inwoners")
                .setMunicipalityCode("GM0363")
                .setAreaCode("GM0363")
                .setSphere(Sphere.CONTEXT)
                .setIngredient(Ingredient.CONTEXT)
                .setKind(IndicatorKind.OBJECTIVE)
                .setPeriod("2024")
                .setReferenceDate("2024-01-01")
                .setValue(931298.0)
                .setUnit("COUNT")
                .setLowerBound(null)
                .setUpperBound(950000.5)
                .setSource(SourceRef.newBuilder()
                        .setSource("cbs-kwb")
                        .setDataset("85984NED")
                        .setPeriod("2024JJ00")
                        .setSourceRecordId("cbs-kwb/85984NED/2024JJ00/GM0363")
                        .setFetchedAt(FETCHED_AT)
                        .build())
                .setCatalogVersion("2025.1")
                .setIngestedAt(FETCHED_AT.plusSeconds(60))
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setStage("normalize")
                .setReasonCode("UNPARSEABLE_VALUE")
                .setMessage("'12,5%' is not a number")
                .setSourceTopic("sobamo.raw.cbs-kwb.v1")
                .setSourcePartition(3)
                .setSourceOffset(42L)
                .setOriginalKey(ByteBuffer.wrap("GM0363".getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 7, (byte) 0xff, 0x10}))
                .setHeaders(Map.of("traceparent", "00-abc-def-01"))
                .setFailedAt(FETCHED_AT)
                .build();
    }

    static MunicipalitySphereKey key() {
        return MunicipalitySphereKey.newBuilder().setMunicipalityCode("GM0363").setSphere(Sphere.PERSONAL).build();
    }
}
