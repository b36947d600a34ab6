package nl.sobamo.aggregate.stream;

import static nl.sobamo.aggregate.fixtures.TestObservations.observation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.sobamo.aggregate.fixtures.TopologyHarness;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.DistrictKey;
import nl.sobamo.schemas.DistrictValue;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.Sphere;
import nl.sobamo.topics.Topics;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** District-level observations have a home: the districts table, and (Leefbaarometer) weighted municipality rows. */
class DistrictTopologyTest {

    private final TopologyHarness t = new TopologyHarness();
    private final TestOutputTopic<DistrictKey, DistrictValue> districts = t.driver.createOutputTopic(Topics.TABLE_DISTRICTS,
            t.serdes.districtKey().deserializer(), t.serdes.districtValue().deserializer());

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void leefbaarometerDistrictsBecomeDistrictRowsAndAnInhabitantWeightedMunicipalityRow() {
        t.observe(district("lbm.score", "WK036201", "2022", 4.0, "SCORE", "leefbaarometer"));
        t.observe(district("lbm.score", "WK036202", "2022", 5.0, "SCORE", "leefbaarometer"));
        t.observe(district("lbm.score", "WK036299", "2022", 3.0, "SCORE", "leefbaarometer")); // no inhabitants: left out
        t.observe(district("population.inhabitants", "WK036201", "2024", 1_000, "COUNT", "cbs-kwb"));
        t.observe(district("population.inhabitants", "WK036202", "2024", 3_000, "COUNT", "cbs-kwb"));
        t.tick();

        Map<DistrictKey, DistrictValue> table = TopologyHarness.latest(districts);
        assertThat(table).hasSize(5);
        DistrictValue d = table.get(new DistrictKey("WK036202", "lbm.score", "2022"));
        assertThat(d.getValue()).isEqualTo(5.0);
        assertThat(d.getMunicipalityCode()).isEqualTo("GM0362");
        assertThat(d.getAreaLevel()).isEqualTo("WK");
        assertThat(d.getProvenance()).extracting(p -> p.getSource()).containsExactly("leefbaarometer");

        IndicatorValue gm = t.indicatorTable().get(new IndicatorKey("GM0362", Sphere.COMMUNAL, "lbm.score", "2022"));
        assertThat(gm.getValue()).isEqualTo((4.0 * 1_000 + 5.0 * 3_000) / (1_000 + 3_000));
        assertThat(gm.getDenominatorIndicatorId()).isEqualTo("population.inhabitants");
        assertThat(gm.getDenominatorValue()).isEqualTo(4_000.0);
        assertThat(gm.getDenominatorReferenceDate()).isEqualTo("2024-01-01");
        assertThat(gm.getWeighting()).contains("POPULATION_WEIGHTED_MEAN of 2 district(s) (WK036201, WK036202)")
                .contains("weights of 2024, not of 2022").contains("left out without inhabitants in the weights' year: WK036299");
        assertThat(gm.getProvenance()).extracting(p -> p.getSource())
                .containsExactly("leefbaarometer", "cbs-kwb", "leefbaarometer", "cbs-kwb");
        // a score is scale-free: benchmarked
        assertThat(t.benchmarkTable().get(new BenchmarkKey("lbm.score", "2022", "national", "NL")).getN()).isEqualTo(1);
        // district inhabitants are not weighted into a municipality row (CBS publishes the municipality's own)
        assertThat(t.indicatorTable().keySet()).noneMatch(k -> k.getIndicatorId().equals("population.inhabitants"));
    }

    private static Observation district(String indicator, String area, String period, double value, String unit, String source) {
        boolean lbm = source.equals("leefbaarometer");
        Observation o = observation(indicator, "GM0362", period, value, unit, lbm ? Sphere.COMMUNAL : Sphere.CONTEXT,
                lbm ? Ingredient.EFFECT : Ingredient.CONTEXT, source, lbm ? null : period + "-01-01");
        String id = indicator + "|" + area + "|" + period + "|" + source;
        return Observation.newBuilder(o).setAreaCode(area).setObservationId(id)
                .setSource(nl.sobamo.schemas.SourceRef.newBuilder(o.getSource()).setSourceRecordId(source + "/" + area)
                        .setObservationId(id).build())
                .build();
    }
}
