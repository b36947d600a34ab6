package nl.sobamo.push.auth;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key: {@code burst} requests at once, refilled at {@code perMinute} requests per minute.
 * A denied request learns after how many whole seconds one token is back (the {@code Retry-After} header).
 */
public final class RateLimiter {

    /** The answer for one request. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private final double capacity;
    private final double nanosPerToken;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, int burst) {
        this(perMinute, burst, System::nanoTime);
    }

    public RateLimiter(int perMinute, int burst, LongSupplier nanoTime) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("rate limit and burst must be at least 1, were " + perMinute + ", " + burst);
        }
        this.capacity = burst;
        this.nanosPerToken = 60e9 / perMinute;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public Decision tryAcquire(String key) {
        long now = nanoTime.getAsLong();
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, now)).take(now);
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        synchronized Decision take(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) / nanosPerToken);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, 0);
            }
            double missingNanos = (1 - tokens) * nanosPerToken;
            return new Decision(false, Math.max(1, (long) Math.ceil(missingNanos / 1e9)));
        }
    }
}
