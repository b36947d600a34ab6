package nl.sobamo.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.ToDoubleFunction;

/**
 * One meter as docs/metrics.md lists it: its name, help text and base unit, declared once by the service that owns it
 * and used to build every tagged series of it, so that no series can carry another help text than its siblings.
 *
 * @param baseUnit null for none (a timer's unit is Micrometer's); Prometheus appends a unit the name does not end with,
 *                 so adding one renames the exported series
 */
public record MeterSpec(String name, String description, String baseUnit) {

    /** A meter without a base unit. */
    public MeterSpec(String name, String description) {
        this(name, description, null);
    }

    public Counter counter(MeterRegistry registry, String... tags) {
        return Counter.builder(name).description(description).baseUnit(baseUnit).tags(tags).register(registry);
    }

    public Timer timer(MeterRegistry registry, String... tags) {
        return Timer.builder(name).description(description).tags(tags).register(registry);
    }

    /** A gauge reading {@code f} of {@code obj}, held strongly (the registry must not let it be collected). */
    public <T> Gauge gauge(MeterRegistry registry, T obj, ToDoubleFunction<T> f, String... tags) {
        return Gauge.builder(name, obj, f).description(description).baseUnit(baseUnit).tags(tags).strongReference(true)
                .register(registry);
    }
}
