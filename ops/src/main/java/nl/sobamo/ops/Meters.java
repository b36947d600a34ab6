package nl.sobamo.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service's counters and timers, registered at first use and cached per tag combination: meters are counted per
 * record, and building a meter per record would cost more than the count. Tags are {@code key1, value1, ...}.
 */
public final class Meters {

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    public Counter counter(MeterSpec spec, String... tags) {
        return counters.computeIfAbsent(key(spec, tags), k -> spec.counter(registry, tags));
    }

    public Timer timer(MeterSpec spec, String... tags) {
        return timers.computeIfAbsent(key(spec, tags), k -> spec.timer(registry, tags));
    }

    public MeterRegistry registry() {
        return registry;
    }

    private static List<String> key(MeterSpec spec, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(spec.name());
        key.addAll(List.of(tags));
        return key;
    }
}
