package nl.sobamo.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seconds since the last record of a key (a source, or a source and dataset): one gauge per key, registered at
 * the first record, so a key that never had data has no series. Tag values must be bounded (sources, datasets),
 * never area codes.
 */
public final class FreshnessGauges {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Clock clock;
    private final Map<List<String>, AtomicLong> lastMillis = new ConcurrentHashMap<>();

    public FreshnessGauges(MeterRegistry registry, String name, String description, Clock clock) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.clock = clock;
    }

    /** Marks a record seen now for the given tags ({@code key1, value1, key2, value2, ...}). */
    public void mark(String... tags) {
        markAt(clock.instant(), tags);
    }

    /** Marks the key current as of {@code at} (e.g. when a pull confirmed a dataset unchanged, not when it was read). */
    public void markAt(Instant at, String... tags) {
        lastMillis.computeIfAbsent(List.of(tags), k -> {
            AtomicLong last = new AtomicLong();
            Gauge.builder(name, last, l -> Math.max(0, clock.millis() - l.get()) / 1000.0)
                    .description(description).baseUnit("seconds").tags(tags).register(registry);
            return last;
        }).set(at.toEpochMilli());
    }
}
