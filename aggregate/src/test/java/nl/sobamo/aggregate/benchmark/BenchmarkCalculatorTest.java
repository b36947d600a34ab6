package nl.sobamo.aggregate.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Sphere;
import nl.sobamo.schemas.state.BenchmarkState;
import org.junit.jupiter.api.Test;

class BenchmarkCalculatorTest {

    private final BenchmarkCalculator calculator = new BenchmarkCalculator(BenchmarkGroups.defaults());
    private final BenchmarkKey key = BenchmarkGroups.defaults().nationalKey("iv3.lasten.6.1.per_inhabitant", "2023");

    @Test
    void correctionReplacesTheOldValueOfTheSameMunicipality() {
        BenchmarkState state = BenchmarkCalculator.empty();
        state = BenchmarkCalculator.add(value("GM0001", 100), state);
        state = BenchmarkCalculator.add(value("GM0002", 200), state);
        // Streams delivers a correction as subtract(old) + add(new)
        state = BenchmarkCalculator.remove(value("GM0001", 100), state);
        state = BenchmarkCalculator.add(value("GM0001", 400), state);

        BenchmarkRow row = calculator.row(key, state);
        assertThat(row.getN()).isEqualTo(2);
        assertThat(row.getMean()).isEqualTo(300.0);
        assertThat(row.getMin()).isEqualTo(200.0);
        assertThat(row.getMax()).isEqualTo(400.0);
        assertThat(row.getMedian()).isEqualTo(300.0);
    }

    @Test
    void rowReportsCoverageOfTheGroup() {
        BenchmarkState state = BenchmarkCalculator.empty();
        for (String m : List.of("GM0001", "GM0002", "GM0003")) {
            state = BenchmarkCalculator.add(value(m, 1), state);
        }
        BenchmarkRow row = calculator.row(key, state);
        assertThat(row.getGroupSize()).isEqualTo(342);
        assertThat(row.getCoverage()).isEqualTo(3.0 / 342);
        assertThat(row.getUnit()).isEqualTo("EUR_PER_INHABITANT");
        assertThat(row.getDataAsOf()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void emptyGroupHasNoStatistics() {
        BenchmarkRow row = calculator.row(key, BenchmarkCalculator.empty());
        assertThat(row.getN()).isZero();
        assertThat(row.getMedian()).isNull();
        assertThat(row.getCoverage()).isEqualTo(0.0);
    }

    private static IndicatorValue value(String municipality, double v) {
        return IndicatorValue.newBuilder()
                .setIndicatorId("iv3.lasten.6.1.per_inhabitant").setMunicipalityCode(municipality)
                .setSphere(Sphere.INSTITUTIONAL).setIngredient(Ingredient.INPUT).setPeriod("2023")
                .setValue(v).setUnit("EUR_PER_INHABITANT").setProvenance(List.of())
                .setDataAsOf(Instant.parse("2025-01-01T00:00:00Z")).build();
    }
}
