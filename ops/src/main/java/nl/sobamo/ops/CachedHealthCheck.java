package nl.sobamo.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Remembers a check's result for {@code ttl}, so probes every few seconds from several callers (kubelet,
 * Prometheus, people) do not each hit Kafka or the registry.
 */
public final class CachedHealthCheck implements HealthCheck {

    private final HealthCheck delegate;
    private final Duration ttl;
    private final Clock clock;
    private Result last;
    private Instant checkedAt = Instant.MIN;

    public CachedHealthCheck(HealthCheck delegate, Duration ttl, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public synchronized Result check() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(checkedAt.plus(ttl))) {
            last = HealthCheck.safely(delegate);
            checkedAt = now;
        }
        return last;
    }
}
