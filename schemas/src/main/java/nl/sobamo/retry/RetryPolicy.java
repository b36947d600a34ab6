package nl.sobamo.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Bounded exponential back-off with jitter: the one retry policy of sobamo, used by the open-data HTTP fetches and
 * the schema registry client.
 *
 * <p>After failed attempt {@code n} (1-based) the nominal delay is {@code initialBackoff * multiplier^(n-1)}, capped
 * at {@code maxBackoff}; the actual delay is drawn uniformly from {@code [nominal/2, nominal]} ("equal jitter"), so
 * many clients that failed together do not retry together, yet each waits at least half the nominal delay. A
 * server's {@code Retry-After} is honoured when it asks for longer, up to {@code maxBackoff}.
 *
 * @param maxAttempts    attempts in total, the first one included (1 = no retries)
 * @param initialBackoff nominal delay after the first failure
 * @param maxBackoff     cap on any single delay
 * @param multiplier     growth per attempt, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
    }

    /** Whether another attempt may follow failed attempt {@code failedAttempt}. */
    public boolean mayRetry(int failedAttempt) {
        return failedAttempt < maxAttempts;
    }

    /** The nominal (un-jittered) delay after failed attempt {@code failedAttempt}. */
    public Duration nominal(int failedAttempt) {
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
    }

    /**
     * The delay before the next attempt.
     *
     * @param retryAfter the server's Retry-After, or null
     * @param random     uniform in [0, 1)
     */
    public Duration delay(int failedAttempt, Duration retryAfter, DoubleSupplier random) {
        long nominal = nominal(failedAttempt).toNanos();
        long jittered = nominal / 2 + (long) (random.getAsDouble() * (nominal - nominal / 2));
        Duration d = Duration.ofNanos(jittered);
        if (retryAfter != null && retryAfter.compareTo(d) > 0) {
            d = retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
        }
        return d;
    }
}
