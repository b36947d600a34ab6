package nl.sobamo.normalize.mapping;

import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.reference.MunicipalityDirectory;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.normalize.fixtures.RawRecords;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.schemas.Sphere;
import org.junit.jupiter.api.Test;

class RecordNormalizerTest {

    private final RecordNormalizer normalizer = new RecordNormalizer(IndicatorCatalog.loadDefault(),
            MunicipalityDirectory.loadDefault(), Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void kwbMunicipalityGivesInhabitantsOnFirstOfJanuary() {
        List<Observation> obs = observations(normalizer.normalize(RawRecords.kwbKampen()));

        Observation inhabitants = byIndicator(obs, "population.inhabitants");
        assertThat(inhabitants.getValue()).isEqualTo(56177.0);
        assertThat(inhabitants.getMunicipalityCode()).isEqualTo("GM0166");
        assertThat(inhabitants.getAreaCode()).isEqualTo("GM0166");
        assertThat(inhabitants.getPeriod()).isEqualTo("2024");
        assertThat(inhabitants.getReferenceDate()).isEqualTo("2024-01-01");
        assertThat(inhabitants.getSphere()).isEqualTo(Sphere.CONTEXT);
        assertThat(inhabitants.getSource().getSourceRecordId()).isEqualTo("cbs-kwb/85984NED/2024/GM0166");
        assertThat(inhabitants.getSource().getDataset()).isEqualTo("85984NED");
        assertThat(inhabitants.getSourceValue()).isEqualTo("56177");
        assertThat(byIndicator(obs, "population.households.dwellings").getValue()).isEqualTo(23530.0);
        // Mannen_6 is in the record but not in the catalog: it is simply not mapped
        assertThat(obs).hasSize(2);
    }

    @Test
    void districtBelongsToItsMunicipality() {
        Observation inhabitants = byIndicator(observations(normalizer.normalize(RawRecords.kwbKampenDistrict())),
                "population.inhabitants");
        assertThat(inhabitants.getAreaCode()).isEqualTo("WK016600");
        assertThat(inhabitants.getMunicipalityCode()).isEqualTo("GM0166");
    }

    @Test
    void iv3AccountGivesLastenInEurosAndTheTotalOverAllTaakvelden() {
        RawRecord kampen = RawRecords.iv3Fixture().get("Kampen");
        List<Observation> obs = observations(normalizer.normalize(kampen));

        Observation lasten61 = byIndicator(obs, "iv3.lasten.6.1");
        assertThat(lasten61.getValue()).isEqualTo(15_933_000.0); // 15933.0 thousand euros in the file
        assertThat(lasten61.getSourceValue()).isEqualTo("15933");
        assertThat(lasten61.getSourceUnit()).isEqualTo("EUR_THOUSAND");
        assertThat(lasten61.getSphere()).isEqualTo(Sphere.INSTITUTIONAL);
        assertThat(lasten61.getMunicipalityCode()).isEqualTo("GM0166");
        // sum of the Lasten column over Kampen's 71 taakvelden, computed from the fixture independently
        assertThat(byIndicator(obs, "iv3.lasten.total").getValue()).isEqualTo(225_327_000.0);
        Observation inhabitants = byIndicator(obs, "population.inhabitants");
        assertThat(inhabitants.getValue()).isEqualTo(55614.0);
        assertThat(inhabitants.getReferenceDate()).isEqualTo("2023-01-01");
    }

    @Test
    void municipalityThatDeliveredOnlyZerosIsMissingNotZero() {
        List<Observation> obs = observations(normalizer.normalize(RawRecords.iv3Fixture().get("Vijfheerenlanden")));
        assertThat(obs).extracting(Observation::getIndicatorId).containsExactly("population.inhabitants");
    }

    @Test
    void cbsMissingMarkersAreMissing() {
        for (String marker : new String[] {".", "x", "-", "?", " ", null}) {
            Map<String, String> fields = new HashMap<>();
            fields.put("AantalInwoners_5", marker);
            fields.put("Woningvoorraad_35", "100");
            List<Observation> obs = observations(normalizer.normalize(RawRecords.kwb("GM0166", fields)));
            assertThat(obs).extracting(Observation::getIndicatorId).containsExactly("population.households.dwellings");
        }
    }

    @Test
    void recordWithOnlyMissingValuesIsSkipped() {
        NormalizeResult result = normalizer.normalize(RawRecords.kwb("GM0166", Map.of("AantalInwoners_5", ".")));
        assertThat(result).isInstanceOf(NormalizeResult.Skipped.class);
    }

    @Test
    void nonNumericValueFailsTheWholeRecord() {
        NormalizeResult result = normalizer.normalize(RawRecords.kwb("GM0166",
                Map.of("AantalInwoners_5", "veel", "Woningvoorraad_35", "100")));
        assertFailure(result, ReasonCode.UNPARSEABLE_VALUE, "AantalInwoners_5");
    }

    @Test
    void negativeCountIsOutOfRange() {
        assertFailure(normalizer.normalize(RawRecords.kwb("GM0166", Map.of("AantalInwoners_5", "-5"))),
                ReasonCode.OUT_OF_RANGE, "AantalInwoners_");
    }

    @Test
    void unknownMunicipalityCodeAndNameAreUnknownAreas() {
        assertFailure(normalizer.normalize(RawRecords.kwb("GM9999", Map.of("AantalInwoners_5", "5"))),
                ReasonCode.UNKNOWN_AREA, "areaCode");
        assertFailure(normalizer.normalize(RawRecords.kwb("XX0001", Map.of("AantalInwoners_5", "5"))),
                ReasonCode.UNKNOWN_AREA, "areaCode");
        assertFailure(normalizer.normalize(RawRecords.iv3("Atlantis", Map.of("gemeente", "Atlantis", "lasten:6.1", "1"))),
                ReasonCode.UNKNOWN_AREA, "gemeente");
    }

    @Test
    void sourceWithoutCatalogMappingIsUnmapped() {
        RawRecord raw = RawRecord.newBuilder(RawRecords.kwbKampen()).setSource("mystery").build();
        assertFailure(normalizer.normalize(raw), ReasonCode.UNMAPPED_MEASURE, null);
    }

    @Test
    void identityIsDeterministicAcrossReplays() {
        Observation first = byIndicator(observations(normalizer.normalize(RawRecords.kwbKampen())), "population.inhabitants");
        Observation again = byIndicator(observations(normalizer.normalize(RawRecords.kwbKampen())), "population.inhabitants");
        assertThat(again.getObservationId()).isEqualTo(first.getObservationId()).hasSize(32);
        Observation district = byIndicator(observations(normalizer.normalize(RawRecords.kwbKampenDistrict())),
                "population.inhabitants");
        assertThat(district.getObservationId()).isNotEqualTo(first.getObservationId());
    }

    private static List<Observation> observations(NormalizeResult result) {
        assertThat(result).isInstanceOf(NormalizeResult.Observations.class);
        return ((NormalizeResult.Observations) result).observations();
    }

    private static Observation byIndicator(List<Observation> obs, String id) {
        return obs.stream().filter(o -> o.getIndicatorId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no observation of " + id + " in " + obs));
    }

    private static void assertFailure(NormalizeResult result, ReasonCode reason, String field) {
        assertThat(result).isInstanceOf(NormalizeResult.Failed.class);
        MappingFailure failure = ((NormalizeResult.Failed) result).failure();
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.field()).isEqualTo(field);
        assertThat(failure.getMessage()).isNotBlank();
    }
}
