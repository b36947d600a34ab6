package nl.sobamo.aggregate.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void matchesNumpyLinearInterpolation() {
        // numpy.percentile([15, 20, 35, 40, 50], [10, 25, 50, 75, 90]) -> [17, 20, 35, 40, 46]
        Percentiles p = new Percentiles(new double[] {50, 15, 40, 20, 35});
        assertThat(p.at(0.10)).isCloseTo(17.0, within(1e-12));
        assertThat(p.at(0.25)).isCloseTo(20.0, within(1e-12));
        assertThat(p.at(0.50)).isCloseTo(35.0, within(1e-12));
        assertThat(p.at(0.75)).isCloseTo(40.0, within(1e-12));
        assertThat(p.at(0.90)).isCloseTo(46.0, within(1e-12));
        assertThat(p.min()).isEqualTo(15.0);
        assertThat(p.max()).isEqualTo(50.0);
        assertThat(p.mean()).isEqualTo(32.0);
    }

    @Test
    void evenCountMedianIsMidpointAndSingleValueIsEverything() {
        assertThat(new Percentiles(new double[] {1, 2, 3, 4}).at(0.5)).isEqualTo(2.5);
        Percentiles one = new Percentiles(new double[] {7});
        assertThat(one.at(0.1)).isEqualTo(7.0);
        assertThat(one.at(0.9)).isEqualTo(7.0);
    }

    @Test
    void emptyAndOutOfRangeAreRejected() {
        assertThatThrownBy(() -> new Percentiles(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Percentiles(new double[] {1}).at(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
