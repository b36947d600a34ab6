package nl.sobamo.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10), 2);

    @Test
    void nominalDelayDoublesUpToTheCap() {
        assertThat(policy.nominal(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.nominal(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.nominal(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.nominal(5)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterDrawsBetweenHalfAndTheWholeNominalDelay() {
        assertThat(policy.delay(3, null, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(3, null, () -> 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delay(3, null, () -> 0.999_999_999)).isEqualTo(Duration.ofNanos(3_999_999_998L));
    }

    @Test
    void aLongerRetryAfterWinsButNeverBeyondTheCap() {
        assertThat(policy.delay(1, Duration.ofSeconds(7), () -> 0.0)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delay(1, Duration.ofSeconds(120), () -> 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delay(4, Duration.ofSeconds(1), () -> 0.0)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void attemptsAreBounded() {
        assertThat(policy.mayRetry(4)).isTrue();
        assertThat(policy.mayRetry(5)).isFalse();
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doublesFromTheInitialDelayUpToTheCapWithEqualJitter() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(5), 2);

        assertThat(policy.delay(1, null, () -> 0.999_999_999)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
        assertThat(policy.delay(1, null, () -> 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.nominal(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(policy.nominal(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.nominal(1000)).isEqualTo(Duration.ofSeconds(5));
        assertThat(new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 2).delay(2, null, () -> 0.5)).isZero();
    }
}
