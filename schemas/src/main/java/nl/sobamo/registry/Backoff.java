package nl.sobamo.registry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with "equal jitter": half of each delay is fixed, half random. The random half spreads
 * out the many serde instances of a restarting fleet so they do not hit a recovering registry in lock-step; the
 * fixed half guarantees a retry never follows immediately.
 */
final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** Delay before retry number {@code retry} (1 for the first retry). */
    Duration delayBeforeRetry(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
        }
        long ceiling = cappedExponential(retry);
        long half = ceiling / 2;
        long jitter = half == 0 ? 0 : random.nextLong(ceiling - half + 1);
        return Duration.ofNanos(half + jitter);
    }

    private long cappedExponential(int retry) {
        // Shifting past 62 bits overflows; by then the cap has long been reached anyway.
        int shift = Math.min(retry - 1, 62);
        long exponential = initialNanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initialNanos << shift;
        return Math.min(exponential, maxNanos);
    }
}
