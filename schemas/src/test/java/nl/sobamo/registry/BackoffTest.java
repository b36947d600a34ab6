package nl.sobamo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    /** Always picks the lowest possible delay. */
    private static final RandomGenerator LOWEST = () -> 0L;

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        Backoff maximal = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1; // the highest value the jitter may take
            }
        });

        assertThat(maximal.delayBeforeRetry(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(maximal.delayBeforeRetry(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(maximal.delayBeforeRetry(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(maximal.delayBeforeRetry(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(maximal.delayBeforeRetry(1000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitterNeverGoesBelowHalfTheCeiling() {
        Backoff minimal = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), LOWEST);

        assertThat(minimal.delayBeforeRetry(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(minimal.delayBeforeRetry(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(minimal.delayBeforeRetry(64)).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void zeroBackoffMeansImmediateRetries() {
        assertThat(new Backoff(Duration.ZERO, Duration.ZERO, LOWEST).delayBeforeRetry(3)).isZero();
    }

    @Test
    void retryNumbersStartAtOne() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), LOWEST).delayBeforeRetry(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
