package nl.sobamo.normalize.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.sobamo.ops.FreshnessGauges;
import nl.sobamo.ops.MeterSpec;
import nl.sobamo.ops.Meters;

/**
 * Reconciliation counters: every raw record read counts once in {@code sobamo.normalize.records.in} and once in
 * {@code sobamo.normalize.records} with {@code outcome} observed, dead_lettered or skipped, so
 * {@code records.in = sum(records)} can be checked from the metrics alone, and a sum over the records counter never
 * double-counts. Tags are bounded (source, outcome, reason code, harmonisation event), snake_case values, never an
 * area code. Counters are registered once per tag combination and cached, not looked up per record.
 */
public final class NormalizeMetrics {

    /** Counter {source}: raw records read. */
    public static final MeterSpec RECORDS_IN = new MeterSpec("sobamo.normalize.records.in",
            "Raw records read by normalize");
    /** Counter {source, outcome}: what became of each raw record read. */
    public static final MeterSpec RECORDS = new MeterSpec("sobamo.normalize.records",
            "What became of each raw record read");
    public static final MeterSpec OBSERVATIONS = new MeterSpec("sobamo.normalize.observations",
            "Observations produced from raw records, before harmonisation");
    public static final MeterSpec MISSING_VALUES = new MeterSpec("sobamo.normalize.values.missing",
            "Mapped fields that were empty in the raw record");
    public static final MeterSpec DEAD_LETTERS = new MeterSpec("sobamo.normalize.dlq",
            "Raw records dead-lettered, by reason");
    /** Old-boundary observations received by the harmoniser, and harmonised observations it emitted. */
    public static final MeterSpec HARMONISATION = new MeterSpec("sobamo.normalize.harmonisation",
            "Harmonisation onto today's municipalities: routed, part, emitted");
    /** Gauge {source}: seconds since the last raw record of the source was read. */
    public static final String FRESHNESS = "sobamo.normalize.freshness";

    public static final String OBSERVED = "observed";
    public static final String DEAD_LETTERED = "dead_lettered";
    public static final String SKIPPED = "skipped";

    private final Meters meters;
    private final FreshnessGauges freshness;
    /** Per-record counters by source (and harmonisation events), so the hot path builds no tag lists. */
    private final Map<String, SourceCounters> bySource = new ConcurrentHashMap<>();
    private final Map<String, Counter> harmonisation = new ConcurrentHashMap<>();

    public NormalizeMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public NormalizeMetrics(MeterRegistry registry, Clock clock) {
        this.meters = new Meters(registry);
        this.freshness = new FreshnessGauges(registry, FRESHNESS,
                "Seconds since normalize last read a raw record of the source", clock);
    }

    void recordIn(String source) {
        forSource(source).in().increment();
        freshness.mark("source", source);
    }

    void observed(String source, int observations, int missingValues) {
        SourceCounters c = forSource(source);
        c.observed().increment();
        c.observations().increment(observations);
        c.missing().increment(missingValues);
    }

    void deadLettered(String source, String reason) {
        forSource(source).deadLettered().increment();
        counter(DEAD_LETTERS, "reason", reason.toLowerCase(Locale.ROOT)).increment();
    }

    void skipped(String source) {
        forSource(source).skipped().increment();
    }

    void harmonisationRouted() {
        harmonisationEvent("routed").increment();
    }

    void harmonisationPart() {
        harmonisationEvent("part").increment();
    }

    void harmonised() {
        harmonisationEvent("emitted").increment();
    }

    private SourceCounters forSource(String source) {
        SourceCounters c = bySource.get(source);
        return c != null ? c : bySource.computeIfAbsent(source, SourceCounters::new);
    }

    private Counter harmonisationEvent(String event) {
        Counter c = harmonisation.get(event);
        return c != null ? c : harmonisation.computeIfAbsent(event, e -> counter(HARMONISATION, "event", e));
    }

    /**
     * One source's counters, each registered at its first use (a source that never dead-letters has no such
     * series). A race registers nothing twice: {@link #counter} returns the one cached meter.
     */
    private final class SourceCounters {

        private final String source;
        private Counter in;
        private Counter observed;
        private Counter observations;
        private Counter missing;
        private Counter deadLettered;
        private Counter skipped;

        SourceCounters(String source) {
            this.source = source;
        }

        Counter in() {
            return in != null ? in : (in = counter(RECORDS_IN, "source", source));
        }

        Counter observed() {
            return observed != null ? observed : (observed = counter(RECORDS, "source", source, "outcome", OBSERVED));
        }

        Counter observations() {
            return observations != null ? observations : (observations = counter(OBSERVATIONS, "source", source));
        }

        Counter missing() {
            return missing != null ? missing : (missing = counter(MISSING_VALUES, "source", source));
        }

        Counter deadLettered() {
            return deadLettered != null ? deadLettered
                    : (deadLettered = counter(RECORDS, "source", source, "outcome", DEAD_LETTERED));
        }

        Counter skipped() {
            return skipped != null ? skipped : (skipped = counter(RECORDS, "source", source, "outcome", SKIPPED));
        }
    }

    /**
     * Harmonisation events: {@code routed} (an observation on old boundaries left the direct path), {@code part}
     * (a contribution to one successor received; a split municipality contributes to several) or {@code emitted}.
     */
    public double harmonisation(String event) {
        return count(HARMONISATION, "event", event);
    }

    /** Observations produced from raw records of a source (before harmonisation). */
    public double observations(String source) {
        return count(OBSERVATIONS, "source", source);
    }

    /** Raw records of a source read. */
    public double recordsIn(String source) {
        return count(RECORDS_IN, "source", source);
    }

    /** Raw records of a source with the given outcome ({@code observed}, {@code dead_lettered}, {@code skipped}). */
    public double records(String source, String outcome) {
        return count(RECORDS, "source", source, "outcome", outcome);
    }

    private double count(MeterSpec spec, String... tags) {
        Counter c = meters.registry().find(spec.name()).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private Counter counter(MeterSpec spec, String... tags) {
        return meters.counter(spec, tags);
    }
}
