package nl.sobamo.push.auth;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (an API key id, or a client address for failed authentications): {@code burst} requests
 * at once, refilled at {@code perMinute} requests per minute. A denied request learns after how many whole seconds
 * one token is back (the {@code Retry-After} header). Full buckets are forgotten once there are more than
 * {@value #MAX_BUCKETS} keys, so addresses an attacker cycles through cannot grow the map without end.
 */
public final class RateLimiter {

    /** The answer for one request. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    static final int MAX_BUCKETS = 10_000;

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
        if (buckets.size() > MAX_BUCKETS) {
            buckets.values().removeIf(b -> b.full(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, now)).take(now);
    }

    /** What {@link #tryAcquire} would answer, without taking a token. */
    public Decision peek(String key) {
        Bucket bucket = buckets.get(key);
        return bucket == null ? new Decision(true, 0) : bucket.peek(nanoTime.getAsLong());
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        synchronized Decision take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, 0);
            }
            return denied();
        }

        synchronized Decision peek(long now) {
            refill(now);
            return tokens >= 1 ? new Decision(true, 0) : denied();
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) / nanosPerToken);
            updated = now;
        }

        private Decision denied() {
            double missingNanos = (1 - tokens) * nanosPerToken;
            return new Decision(false, Math.max(1, (long) Math.ceil(missingNanos / 1e9)));
        }
    }
}
