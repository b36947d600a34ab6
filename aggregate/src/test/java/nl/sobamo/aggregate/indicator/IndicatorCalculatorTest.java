package nl.sobamo.aggregate.indicator;

import static nl.sobamo.aggregate.fixtures.TestObservations.inhabitants;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3Lasten61;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3LastenTotal;
import static nl.sobamo.aggregate.fixtures.TestObservations.observation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.Sphere;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class IndicatorCalculatorTest {

    private static final IndicatorCatalog CATALOG = IndicatorCatalog.loadDefault();
    private final IndicatorCalculator calculator = new IndicatorCalculator(DerivedIndicator.fromCatalog(CATALOG),
            new SourcePriority(CATALOG.sourcePriority()), new RecordSources(CATALOG.recordSources()));

    @Test
    void kampenLasten61PerInhabitantUsesInhabitantsOfTheAmountsPeriod() {
        // Kampen, Iv3 jaarrekening 2023: 6.1 lasten 15,933 kEUR, all taakvelden 225,327 kEUR, 55,614 inhabitants 1-1-2023
        Map<String, IndicatorValue> rows = compute(iv3Lasten61("GM0166", "2023", 15_933_000),
                iv3LastenTotal("GM0166", "2023", 225_327_000), inhabitants("GM0166", "2023", 55_614, "iv3"));

        IndicatorValue perInhabitant = rows.get("iv3.lasten.6.1.per_inhabitant");
        assertThat(perInhabitant.getValue()).isEqualTo(15_933_000.0 / 55_614);
        assertThat(perInhabitant.getUnit()).isEqualTo("EUR_PER_INHABITANT");
        assertThat(perInhabitant.getRawValue()).isEqualTo(15_933_000.0);
        assertThat(perInhabitant.getDenominatorIndicatorId()).isEqualTo("population.inhabitants");
        assertThat(perInhabitant.getDenominatorValue()).isEqualTo(55_614.0);
        assertThat(perInhabitant.getDenominatorReferenceDate()).isEqualTo("2023-01-01");
        assertThat(perInhabitant.getSphere()).isEqualTo(Sphere.INSTITUTIONAL);
        assertThat(perInhabitant.getProvenance()).extracting(p -> p.getSource()).containsExactly("iv3", "iv3");

        IndicatorValue share = rows.get("iv3.lasten.6.1.share_of_total");
        assertThat(share.getValue()).isEqualTo(15_933_000.0 / 225_327_000 * 100);
        assertThat(share.getUnit()).isEqualTo("PERCENT_OF_TOTAL_LASTEN");

        assertThat(rows).containsKeys("iv3.lasten.6.1", "iv3.lasten.total", "population.inhabitants");
    }

    @Test
    void missingDenominatorMeansNoRowNotZero() {
        Map<String, IndicatorValue> rows = compute(iv3Lasten61("GM0166", "2023", 15_933_000));
        assertThat(rows).containsOnlyKeys("iv3.lasten.6.1");
    }

    @Test
    void registerSourceWinsOverIv3ForTheSameIndicator() {
        Map<String, IndicatorValue> rows = compute(iv3Lasten61("GM0166", "2023", 1000),
                inhabitants("GM0166", "2023", 50, "iv3"), inhabitants("GM0166", "2023", 40, "cbs-kwb"));
        assertThat(rows.get("population.inhabitants").getValue()).isEqualTo(40.0);
        assertThat(rows.get("iv3.lasten.6.1.per_inhabitant").getValue()).isEqualTo(25.0);
    }

    @Test
    void rowsAreKeyedByMunicipalitySphereIndicatorAndPeriod() {
        List<KeyValue<IndicatorKey, IndicatorValue>> rows = calculator.compute(List.of(iv3Lasten61("GM0166", "2023", 1),
                inhabitants("GM0166", "2023", 1, "iv3")));
        assertThat(rows).extracting(kv -> kv.key).contains(
                new IndicatorKey("GM0166", Sphere.INSTITUTIONAL, "iv3.lasten.6.1.per_inhabitant", "2023"),
                new IndicatorKey("GM0166", Sphere.CONTEXT, "population.inhabitants", "2023"));
    }

    @Test
    void sameFactsGiveIdenticalRows() {
        List<Observation> facts = List.of(iv3Lasten61("GM0166", "2023", 1), inhabitants("GM0166", "2023", 3, "iv3"));
        assertThat(calculator.compute(facts)).isEqualTo(calculator.compute(facts));
    }

    @Test
    void pushedRecordsOfAMunicipalityAreSummedAcrossFacilitiesAndAreas() {
        Observation buurthuis = pushed("push.visits", "WK016600", "bh-de-brug", 4210, "COUNT");
        Observation inloop = pushed("push.visits", "WK016603", "inloop-ijsselmuiden", 950, "COUNT");
        Map<String, IndicatorValue> rows = compute(buurthuis, inloop);

        IndicatorValue visits = rows.get("push.visits");
        assertThat(visits.getValue()).isEqualTo(5160.0);
        assertThat(visits.getMunicipalityCode()).isEqualTo("GM0166");
        assertThat(visits.getProvenance()).extracting(p -> p.getSourceRecordId())
                .containsExactly("push/visitors/GM0166/bh-de-brug", "push/visitors/GM0166/inloop-ijsselmuiden");
    }

    @Test
    void pushedSharesAreAveragedNotSummed() {
        Map<String, IndicatorValue> rows = compute(pushed("push.experience.satisfied", "GM0166", "a", 80, "PERCENT"),
                pushed("push.experience.satisfied", "GM0166", "b", 90, "PERCENT"));
        assertThat(rows.get("push.experience.satisfied").getValue()).isEqualTo(85.0);
    }

    private static Observation pushed(String indicator, String area, String record, double value, String unit) {
        Observation o = nl.sobamo.aggregate.fixtures.TestObservations.observation(indicator, "GM0166", "2025", value, unit,
                Sphere.COMMUNAL, nl.sobamo.schemas.Ingredient.OUTPUT, "push", null);
        return Observation.newBuilder(o).setAreaCode(area).setObservationId(indicator + "|" + record)
                .setSource(nl.sobamo.schemas.SourceRef.newBuilder(o.getSource())
                        .setSourceRecordId("push/visitors/GM0166/" + record).build())
                .build();
    }

    @Test
    void spendingGroupsSumTheirTaakveldenPerInhabitantAndAreMissingWithoutAPart() {
        Observation wmo66 = iv3("iv3.lasten.6.6", 2_000_000);
        Observation wmo671 = iv3("iv3.lasten.6.71", 3_000_000);
        Observation wmo681 = iv3("iv3.lasten.6.81", 500_000);
        Observation inhabitants = inhabitants("GM0166", "2023", 55_614, "iv3");
        Map<String, IndicatorValue> rows = compute(wmo66, wmo671, wmo681, inhabitants, iv3LastenTotal("GM0166", "2023", 225_327_000));

        IndicatorValue wmo = rows.get("spending.wmo.per_inhabitant");
        assertThat(wmo.getValue()).isEqualTo((2_000_000.0 + 3_000_000.0 + 500_000.0) / 55_614);
        assertThat(wmo.getRawValue()).isEqualTo(5_500_000.0);
        assertThat(wmo.getDenominatorIndicatorId()).isEqualTo("population.inhabitants");
        assertThat(wmo.getProvenance()).hasSize(4); // three taakvelden and the inhabitants
        assertThat(rows.get("spending.wmo").getUnit()).isEqualTo("EUR");
        assertThat(rows.get("spending.wmo.share_of_total").getValue()).isEqualTo(5_500_000.0 / 225_327_000 * 100);
        assertThat(rows.get("iv3.lasten.6.71.per_inhabitant").getValue()).isEqualTo(3_000_000.0 / 55_614);

        // 6.81 missing: no Wmo sum at all (missing is not zero), the taakvelden present keep their own rows
        Map<String, IndicatorValue> partial = compute(wmo66, wmo671, inhabitants);
        assertThat(partial).doesNotContainKeys("spending.wmo", "spending.wmo.per_inhabitant");
        assertThat(partial).containsKey("iv3.lasten.6.6.per_inhabitant");
    }

    @Test
    void theNarrowSocialeBasisSumsThePushedCategoriesPresent() {
        Observation youthWork = observation("push.budget.jongerenwerk", "GM0166", "2023", 1_000_000, "EUR",
                Sphere.INSTITUTIONAL, Ingredient.INPUT, "push", null);
        Observation carers = observation("push.budget.mantelzorgondersteuning", "GM0166", "2023", 400_000, "EUR",
                Sphere.PERSONAL, Ingredient.INPUT, "push", null);
        Map<String, IndicatorValue> rows = compute(youthWork, carers, inhabitants("GM0166", "2023", 50_000, "cbs-kwb"));
        assertThat(rows.get("spending.sociale_basis.per_inhabitant").getValue()).isEqualTo(1_400_000.0 / 50_000);
        assertThat(rows.get("spending.sociale_basis.per_inhabitant").getSphere()).isEqualTo(Sphere.INSTITUTIONAL);
    }

    private static Observation iv3(String indicator, double euros) {
        return observation(indicator, "GM0166", "2023", euros, "EUR", Sphere.CONTEXT, Ingredient.CONTEXT, "iv3", null);
    }

    private Map<String, IndicatorValue> compute(Observation... observations) {
        return calculator.compute(List.of(observations)).stream()
                .collect(Collectors.toMap(kv -> kv.key.getIndicatorId(), kv -> kv.value));
    }
}
