package nl.sobamo.normalize.mapping;

import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.reference.MunicipalityDirectory;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.normalize.catalog.IndicatorCatalogs;
import nl.sobamo.normalize.fixtures.RawRecords;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.schemas.Sphere;
import org.junit.jupiter.api.Test;

/** Dimension filters, margins, ratios, record identity and plausibility rules of the catalog mappings. */
class CatalogMappingBehaviourTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private final RecordNormalizer normalizer = new RecordNormalizer(IndicatorCatalog.loadDefault(),
            MunicipalityDirectory.loadDefault(), CLOCK);

    private static RawRecord raw(String source, String dataset, String period, String area, String key, Map<String, String> fields) {
        return RawRecord.newBuilder()
                .setRecordId(source + "/" + dataset + "/" + period + "/" + area + "/" + key)
                .setSource(source).setDataset(dataset).setPeriod(period).setAreaCode(area)
                .setFields(new HashMap<>(fields)).setFetchedAt(RawRecords.FETCHED_AT).setUri("test").build();
    }

    @Test
    void rivmAgeGroupsAreSeparateIndicatorsAndTheMiddleGroupIsACountedSkip() {
        // real 2016 values of GM0166 Kampen for the three age groups (50090NED)
        List<Observation> adults = observations(normalizer.normalize(raw("rivm", "50090NED", "2016", "GM0166", "20300",
                Map.of("Leeftijd", "20300", "ErnstigZeerErnstigEenzaam_29", "     8.2"))));
        List<Observation> elderly = observations(normalizer.normalize(raw("rivm", "50090NED", "2016", "GM0166", "80200",
                Map.of("Leeftijd", "80200", "ErnstigZeerErnstigEenzaam_29", "     8.2"))));
        NormalizeResult middle = normalizer.normalize(raw("rivm", "50090NED", "2016", "GM0166", "53115",
                Map.of("Leeftijd", "53115", "ErnstigZeerErnstigEenzaam_29", "     8.3")));

        assertThat(adults).extracting(Observation::getIndicatorId).containsExactly("rivm.seriously_lonely");
        assertThat(adults.get(0).getValue()).isEqualTo(8.2);
        assertThat(elderly).extracting(Observation::getIndicatorId).containsExactly("rivm.seriously_lonely.aged_65_plus");
        assertThat(elderly.get(0).getValue()).isEqualTo(8.2);
        assertThat(adults.get(0).getObservationId()).isNotEqualTo(elderly.get(0).getObservationId());
        assertThat(middle).isInstanceOf(NormalizeResult.Skipped.class);
    }

    @Test
    void marginsOutsideTheEstimateOrAbove100AreOutOfRange() {
        assertFailure(normalizer.normalize(raw("rivm", "50120NED", "2022", "GM0363", "x", Map.of("Leeftijd", "20300",
                "Eenzaam_27", "47.0", "Eenzaam_27@lower", "48.0", "Eenzaam_27@upper", "49.0"))), ReasonCode.OUT_OF_RANGE);
        assertFailure(normalizer.normalize(raw("rivm", "50120NED", "2022", "GM0363", "x", Map.of("Leeftijd", "20300",
                "Eenzaam_27", "101.5"))), ReasonCode.OUT_OF_RANGE);
    }

    @Test
    void ratioOfRespondentsWithoutRespondentsIsMissingAndAPartAboveTheWholeIsOutOfRange() {
        NormalizeResult none = normalizer.normalize(raw("push", "experience", "2024", "GM0166", "a",
                Map.of("respondents", "0", "satisfied.positive", "0")));
        assertThat(none).isInstanceOf(NormalizeResult.Skipped.class);
        assertFailure(normalizer.normalize(raw("push", "experience", "2024", "GM0166", "b",
                Map.of("respondents", "10", "satisfied.positive", "11"))), ReasonCode.OUT_OF_RANGE);
    }

    @Test
    void areasAreCheckedAgainstTheBoundariesOfTheirDatasetsYear() {
        // a district code of Weesp in 2020-boundary data: harmonisation works on municipalities only, so it is skipped
        NormalizeResult weespDistrict = normalizer.normalize(raw("rivm", "50090NED", "2020", "WK045701", "20300",
                Map.of("Leeftijd", "20300", "Eenzaam_28", "46.9")));
        assertThat(weespDistrict).isInstanceOf(NormalizeResult.Skipped.class);
        // Weesp itself in 2020 data: observed on its own code, the topology re-expresses it on Amsterdam
        NormalizeResult weesp = normalizer.normalize(raw("rivm", "50090NED", "2020", "GM0457", "20300",
                Map.of("Leeftijd", "20300", "Eenzaam_28", "46.9")));
        assertThat(observations(weesp)).extracting(Observation::getMunicipalityCode).containsExactly("GM0457");
        assertThat(((NormalizeResult.Observations) weesp).classificationYear()).isEqualTo(2020);
        // Weesp in 2024 data and Voorne aan Zee in 2020-boundary data did not exist
        assertFailure(normalizer.normalize(raw("cbs-kwb", "85984NED", "2024", "GM0457", "x", Map.of("AantalInwoners_5", "1"))),
                ReasonCode.UNKNOWN_AREA);
        assertFailure(normalizer.normalize(raw("rivm", "50090NED", "2016", "GM1992", "20300",
                Map.of("Leeftijd", "20300", "Eenzaam_28", "40.0"))), ReasonCode.UNKNOWN_AREA);
    }

    @Test
    void openingHoursAbove168AWeekAreImplausible() {
        assertFailure(normalizer.normalize(raw("push", "facilities", "2024", "GM0166", "f",
                Map.of("openingHoursPerWeek", "170"))), ReasonCode.OUT_OF_RANGE);
    }

    @Test
    void pushedRecordsOfOneAreaKeepTheirOwnIdentityAndEstimateFlag() {
        Observation a = only(normalizer.normalize(raw("push", "visitors", "2024", "WK016600", "buurthuis-a",
                Map.of("visits", "100", "estimated", "true"))));
        Observation b = only(normalizer.normalize(raw("push", "visitors", "2024", "WK016600", "buurthuis-b",
                Map.of("visits", "250"))));
        Observation aAgain = only(normalizer.normalize(raw("push", "visitors", "2024", "WK016600", "buurthuis-a",
                Map.of("visits", "120", "estimated", "false"))));
        assertThat(a.getObservationId()).isNotEqualTo(b.getObservationId());
        assertThat(aAgain.getObservationId()).isEqualTo(a.getObservationId()); // a correction overwrites
        assertThat(a.getEstimated()).isTrue();
        assertThat(b.getEstimated()).isNull();
        assertThat(aAgain.getEstimated()).isFalse();
        assertThat(a.getSphere()).isEqualTo(Sphere.INSTITUTIONAL);
        assertThat(a.getMunicipalityCode()).isEqualTo("GM0166");
    }

    @Test
    void budgetCategoriesAreSelectedByDimensionFilters() {
        List<Observation> realised = observations(normalizer.normalize(raw("push", "budget", "2024", "GM0166", "jw",
                Map.of("category", "jongerenwerk", "kind", "realised", "amountEur", "412000"))));
        assertThat(realised).extracting(Observation::getIndicatorId)
                .containsExactlyInAnyOrder("push.budget.sociale_basis", "push.budget.jongerenwerk");
        NormalizeResult budgeted = normalizer.normalize(raw("push", "budget", "2024", "GM0166", "jw-b",
                Map.of("category", "jongerenwerk", "kind", "budget", "amountEur", "450000")));
        assertThat(budgeted).isInstanceOf(NormalizeResult.Skipped.class);
    }

    @Test
    void anIndicatorAddedToTheCatalogIsMappedWithoutJavaChanges() throws Exception {
        String json = """
                {"version": "test-1", "indicators": [
                  {"id": "population.inhabitants", "name": {"nl": "Aantal inwoners", "en": "Inhabitants"},
                   "sphere": "CONTEXT", "ingredient": "CONTEXT", "kind": "OBJECTIVE", "unit": "COUNT",
                   "denominator": "NONE", "direction": "NEUTRAL",
                   "sources": [{"source": "cbs-kwb", "fieldPrefix": "AantalInwoners_"}]},
                  {"id": "population.men", "name": {"nl": "Mannen", "en": "Men"},
                   "sphere": "CONTEXT", "ingredient": "CONTEXT", "kind": "OBJECTIVE", "unit": "COUNT",
                   "denominator": "INHABITANTS", "direction": "NEUTRAL", "areaLevels": ["GM", "WK"],
                   "normalisations": ["SHARE_OF_INHABITANTS"],
                   "sources": [{"source": "cbs-kwb", "fieldPrefix": "Mannen_", "referenceDate": "JANUARY_1"}]}
                ]}""";
        IndicatorCatalog catalog = IndicatorCatalogs.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        RecordNormalizer custom = new RecordNormalizer(catalog, MunicipalityDirectory.loadDefault(), CLOCK);
        List<Observation> obs = observations(custom.normalize(RawRecords.kwbKampen()));
        Observation men = obs.stream().filter(o -> o.getIndicatorId().equals("population.men")).findFirst().orElseThrow();
        assertThat(men.getValue()).isEqualTo(28145.0); // Mannen_6 of GM0166 in 85984NED
        assertThat(men.getReferenceDate()).isEqualTo("2024-01-01");
        assertThat(men.getDenominator()).isEqualTo("INHABITANTS");
        assertThat(men.getCatalogVersion()).isEqualTo("test-1");
    }

    private static Observation only(NormalizeResult r) {
        List<Observation> obs = observations(r);
        assertThat(obs).hasSize(1);
        return obs.get(0);
    }

    private static List<Observation> observations(NormalizeResult result) {
        assertThat(result).isInstanceOf(NormalizeResult.Observations.class);
        return ((NormalizeResult.Observations) result).observations();
    }

    private static void assertFailure(NormalizeResult result, ReasonCode reason) {
        assertThat(result).isInstanceOf(NormalizeResult.Failed.class);
        assertThat(((NormalizeResult.Failed) result).failure().reason()).isEqualTo(reason);
    }
}
