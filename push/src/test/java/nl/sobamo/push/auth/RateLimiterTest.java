package nl.sobamo.push.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    final AtomicLong nanos = new AtomicLong(1_000);
    final RateLimiter limiter = new RateLimiter(60, 3, nanos::get); // one token per second, burst 3

    @Test
    void theBurstPassesThenTheRequestWaitsForTheNextToken() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("k1")).isEqualTo(new RateLimiter.Decision(true, 0));
        }
        assertThat(limiter.tryAcquire("k1")).isEqualTo(new RateLimiter.Decision(false, 1));

        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(limiter.tryAcquire("k1").allowed()).isFalse();
        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(limiter.tryAcquire("k1").allowed()).isTrue();
        assertThat(limiter.tryAcquire("k1").allowed()).isFalse();
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("k1");
        }
        assertThat(limiter.tryAcquire("k1").allowed()).isFalse();
        assertThat(limiter.tryAcquire("k2").allowed()).isTrue();
    }

    @Test
    void refillIsCappedAtTheBurstAndRetryAfterRoundsUp() {
        RateLimiter slow = new RateLimiter(6, 2, nanos::get); // a token per 10 s
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(slow.tryAcquire("k").allowed()).isTrue();
        assertThat(slow.tryAcquire("k").allowed()).isTrue();
        assertThat(slow.tryAcquire("k")).isEqualTo(new RateLimiter.Decision(false, 10));
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(slow.tryAcquire("k")).isEqualTo(new RateLimiter.Decision(false, 10)); // 9.5 s rounds up
        nanos.addAndGet(Duration.ofMillis(1_000).toNanos());
        assertThat(slow.tryAcquire("k")).isEqualTo(new RateLimiter.Decision(false, 9)); // 8.5 s
    }
}
