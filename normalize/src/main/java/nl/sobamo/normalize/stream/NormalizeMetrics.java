package nl.sobamo.normalize.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Reconciliation counters: every raw record read is counted once as observed, dead-lettered or skipped, so
 * {@code in = observed + dead_lettered + skipped} can be checked from the metrics alone. Tags are bounded:
 * source and outcome or reason code, never an area code.
 */
public final class NormalizeMetrics {

    public static final String RECORDS = "sobamo.normalize.records";
    public static final String OBSERVATIONS = "sobamo.normalize.observations";
    public static final String MISSING_VALUES = "sobamo.normalize.values.missing";
    public static final String DEAD_LETTERS = "sobamo.normalize.dlq";
    /** Old-boundary observations received by the harmoniser, and harmonised observations it emitted. */
    public static final String HARMONISATION = "sobamo.normalize.harmonisation";

    private final MeterRegistry registry;

    public NormalizeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recordIn(String source) {
        counter(RECORDS, "source", source, "outcome", "in").increment();
    }

    void observed(String source, int observations, int missingValues) {
        counter(RECORDS, "source", source, "outcome", "observed").increment();
        counter(OBSERVATIONS, "source", source).increment(observations);
        counter(MISSING_VALUES, "source", source).increment(missingValues);
    }

    void deadLettered(String source, String reason) {
        counter(RECORDS, "source", source, "outcome", "dead_lettered").increment();
        counter(DEAD_LETTERS, "reason", reason.toLowerCase(Locale.ROOT)).increment();
    }

    void harmonisationRouted() {
        counter(HARMONISATION, "event", "routed").increment();
    }

    void harmonisationPart() {
        counter(HARMONISATION, "event", "part").increment();
    }

    void harmonised() {
        counter(HARMONISATION, "event", "emitted").increment();
    }

    /**
     * Harmonisation events: {@code routed} (an observation on old boundaries left the direct path), {@code part}
     * (a contribution to one successor received; a split municipality contributes to several) or {@code emitted}.
     */
    public double harmonisation(String event) {
        Counter c = registry.find(HARMONISATION).tags("event", event).counter();
        return c == null ? 0 : c.count();
    }

    /** Observations produced from raw records of a source (before harmonisation). */
    public double observations(String source) {
        Counter c = registry.find(OBSERVATIONS).tags("source", source).counter();
        return c == null ? 0 : c.count();
    }

    void skipped(String source) {
        counter(RECORDS, "source", source, "outcome", "skipped").increment();
    }

    /** Count of raw records of a source with the given outcome ({@code in}, {@code observed}, ...). */
    public double records(String source, String outcome) {
        Counter c = registry.find(RECORDS).tags("source", source, "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private Counter counter(String name, String... tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }
}
