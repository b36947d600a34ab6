package nl.sobamo.aggregate.stream;

import static nl.sobamo.aggregate.fixtures.TestObservations.FETCHED_AT;
import static nl.sobamo.aggregate.fixtures.TestObservations.inhabitants;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3Lasten61;
import static nl.sobamo.aggregate.fixtures.TestObservations.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.fixtures.TopologyHarness;
import nl.sobamo.aggregate.indicator.DerivedIndicator;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.IndicatorChange;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.SourceFreshness;
import nl.sobamo.schemas.Sphere;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SuppressionChangeFreshnessTopologyTest {

    private static final String VISITORS = "push.visitors";
    private static final String VISITORS_PER_1000 = "push.visitors.per_1000";
    private static final String PER_INHABITANT = "iv3.lasten.6.1.per_inhabitant";

    private final TopologyHarness t;

    SuppressionChangeFreshnessTopologyTest() {
        List<DerivedIndicator> derived = new ArrayList<>(AggregateConfig.defaults().derived());
        derived.add(new DerivedIndicator(VISITORS_PER_1000, VISITORS, "population.inhabitants", 1000.0, "PER_1000_INHABITANTS",
                Sphere.COMMUNAL, Ingredient.OUTPUT));
        t = new TopologyHarness(AggregateConfig.defaults().withDerived(derived)); // threshold 10 for push counts
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void pushedCountsBelowTheThresholdAreSuppressedWithAReason() {
        visitors("GM0001", 8);     // below 10: suppressed, and so is its per-1,000 figure
        visitors("GM0002", 50);
        visitors("GM0003", 120);
        for (String code : List.of("GM0001", "GM0002", "GM0003")) {
            t.observe(inhabitants(code, "2023", 10_000, "cbs-kwb"));
        }
        t.tick();
        Map<IndicatorKey, IndicatorValue> table = t.indicatorTable();

        IndicatorValue small = table.get(new IndicatorKey("GM0001", Sphere.COMMUNAL, VISITORS, "2023"));
        assertThat(small.getValue()).isNull();
        assertThat(small.getRawValue()).isNull();
        assertThat(small.getSuppressionReason()).isEqualTo("SMALL_CELL: push.visitors is a pushed count below 10");
        assertThat(t.positionTable()).doesNotContainKey(new IndicatorKey("GM0001", Sphere.COMMUNAL, VISITORS_PER_1000, "2023"))
                .containsKey(new IndicatorKey("GM0002", Sphere.COMMUNAL, VISITORS_PER_1000, "2023"));
        IndicatorValue smallRate = table.get(new IndicatorKey("GM0001", Sphere.COMMUNAL, VISITORS_PER_1000, "2023"));
        assertThat(smallRate.getValue()).isNull();
        assertThat(smallRate.getSuppressionReason()).startsWith("SMALL_CELL");

        IndicatorValue published = table.get(new IndicatorKey("GM0002", Sphere.COMMUNAL, VISITORS_PER_1000, "2023"));
        assertThat(published.getValue()).isEqualTo(5.0); // 50 / 10,000 x 1,000
        assertThat(published.getSuppressionReason()).isNull();
        // the suppressed municipality is not in the benchmark: n = 2, median of 5 and 12 per 1,000; the absolute
        // counts have no benchmark at all
        var row = t.benchmarkTable().get(new BenchmarkKey(VISITORS_PER_1000, "2023", "national", "NL"));
        assertThat(row.getN()).isEqualTo(2);
        assertThat(row.getMedian()).isEqualTo((50 / 10_000.0 * 1000 + 120 / 10_000.0 * 1000) / 2);
        assertThat(t.benchmarkTable()).doesNotContainKey(new BenchmarkKey(VISITORS, "2023", "national", "NL"));
        // inhabitants are CBS counts, not pushed: never suppressed
        assertThat(table.get(new IndicatorKey("GM0001", Sphere.CONTEXT, "population.inhabitants", "2023")).getValue())
                .isEqualTo(10_000.0);
    }

    @Test
    void aRowThatBecomesSuppressedLosesItsPositionWithATombstone() {
        visitors("GM0002", 50);
        visitors("GM0003", 120);
        for (String code : List.of("GM0002", "GM0003")) {
            t.observe(inhabitants(code, "2023", 10_000, "cbs-kwb"));
        }
        t.tick();
        IndicatorKey gm2 = new IndicatorKey("GM0002", Sphere.COMMUNAL, VISITORS_PER_1000, "2023");
        assertThat(t.positionTable().get(gm2).getValue()).isEqualTo(5.0);

        visitors("GM0002", 4); // a corrected count below the threshold: suppressed
        t.tick();
        assertThat(t.indicatorTable().get(gm2).getSuppressionReason()).startsWith("SMALL_CELL");
        assertThat(t.newPositionRecords()).anySatisfy(kv -> {
            assertThat(kv.key).isEqualTo(gm2);
            assertThat(kv.value).isNull();
        });
        assertThat(t.positionTable()).doesNotContainKey(gm2);
    }

    @Test
    void yearOverYearChangeIsFlaggedAcrossTheIv3BookingRuleBreak() {
        // 2022: 900,000 / 10,000 = 90 per inhabitant; 2023: 1,250,000 / 12,500 = 100
        t.observe(iv3Lasten61("GM0001", "2023", 1_250_000));
        t.observe(inhabitants("GM0001", "2023", 12_500, "iv3"));
        t.tick();
        assertThat(t.changes.isEmpty()).isTrue(); // one period only
        t.observe(iv3Lasten61("GM0001", "2022", 900_000));
        t.observe(inhabitants("GM0001", "2022", 10_000, "iv3"));
        t.tick();
        Map<IndicatorKey, IndicatorChange> changes = TopologyHarness.latest(t.changes);

        IndicatorChange spending = changes.get(new IndicatorKey("GM0001", Sphere.INSTITUTIONAL, PER_INHABITANT, "2023"));
        assertThat(spending.getFromPeriod()).isEqualTo("2022");
        assertThat(spending.getFromValue()).isEqualTo(90.0);
        assertThat(spending.getToValue()).isEqualTo(100.0);
        assertThat(spending.getAbsoluteChange()).isEqualTo(10.0);
        assertThat(spending.getRelativeChange()).isCloseTo(100 / 9.0, within(1e-9)); // 10 / 90 x 100
        assertThat(spending.getComparable()).isFalse();
        assertThat(spending.getBreakReason()).startsWith("IV3_2023_BOOKING_RULES");

        IndicatorChange people = changes.get(new IndicatorKey("GM0001", Sphere.CONTEXT, "population.inhabitants", "2023"));
        assertThat(people.getAbsoluteChange()).isEqualTo(2_500.0);
        assertThat(people.getRelativeChange()).isEqualTo(25.0);
        assertThat(people.getComparable()).isTrue();
        assertThat(people.getBreakReason()).isNull();
    }

    @Test
    void theBreakAlsoFlagsTheWmoSpendingGroupPerInhabitant() {
        for (String period : List.of("2022", "2023")) {
            double scale = period.equals("2022") ? 1.0 : 1.2;
            for (String taakveld : List.of("iv3.lasten.6.6", "iv3.lasten.6.71", "iv3.lasten.6.81")) {
                t.observe(observation(taakveld, "GM0001", period, 1_000_000 * scale, "EUR", Sphere.CONTEXT, Ingredient.CONTEXT,
                        "iv3", null));
            }
            t.observe(inhabitants("GM0001", period, 10_000, "iv3"));
        }
        t.tick();
        IndicatorChange wmo = TopologyHarness.latest(t.changes)
                .get(new IndicatorKey("GM0001", Sphere.CONTEXT, "spending.wmo.per_inhabitant", "2023"));
        assertThat(wmo.getFromValue()).isEqualTo(300.0);
        assertThat(wmo.getToValue()).isCloseTo(360.0, within(1e-9));
        assertThat(wmo.getComparable()).isFalse();
        assertThat(wmo.getBreakReason()).startsWith("IV3_2023_BOOKING_RULES");
    }

    @Test
    void freshnessAndCoveragePerSourceDataset() {
        t.observe(iv3Lasten61("GM0001", "2023", 1_000_000));
        t.observe(iv3Lasten61("GM0002", "2023", 1_000_000));
        t.observe(iv3Lasten61("GM0001", "2022", 1_000_000));
        t.observe(inhabitants("GM0001", "2023", 10_000, "iv3"));
        t.observe(inhabitants("GM0003", "2024", 10_000, "cbs-kwb"));
        Map<String, SourceFreshness> freshness = TopologyHarness.latest(t.freshness);

        SourceFreshness iv3 = freshness.get("iv3/iv3-dataset");
        assertThat(iv3.getMunicipalitiesCovered()).isEqualTo(2);
        assertThat(iv3.getMunicipalitiesByPeriod()).containsExactlyInAnyOrderEntriesOf(Map.of("2022", 1, "2023", 2));
        assertThat(iv3.getIndicators()).containsExactly("iv3.lasten.6.1", "population.inhabitants");
        assertThat(iv3.getLastFetchedAt()).isEqualTo(FETCHED_AT);
        assertThat(freshness.get("cbs-kwb/cbs-kwb-dataset").getMunicipalitiesByPeriod()).containsExactly(Map.entry("2024", 1));
    }

    private void visitors(String code, double count) {
        Observation o = observation(VISITORS, code, "2023", count, "COUNT", Sphere.COMMUNAL, Ingredient.OUTPUT, "push", null);
        t.observe(o);
    }
}
