package nl.sobamo.ingest.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what became of every source record: {@value #RECORDS} with tags {@code source} and {@code outcome}.
 * Tags stay bounded (a handful of sources times three outcomes); a municipality code is never a tag, it would
 * create hundreds of series per source.
 */
public final class IngestMetrics {

    public static final String RECORDS = "sobamo.ingest.records";
    public static final String TAG_SOURCE = "source";
    public static final String TAG_OUTCOME = "outcome";

    /** The value of the {@code outcome} tag. */
    public enum Outcome {
        PUBLISHED, DEAD_LETTERED, SKIPPED;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public void increment(String source, Outcome outcome, int amount) {
        if (amount > 0) {
            counter(source, outcome).increment(amount);
        }
    }

    /** The counter itself, registered on first use; one lookup per (source, outcome), not per record. */
    public Counter counter(String source, Outcome outcome) {
        return counters.computeIfAbsent(source + '\u0000' + outcome, k -> Counter.builder(RECORDS)
                .description("Source records by what ingest did with them")
                .baseUnit("records")
                .tag(TAG_SOURCE, source)
                .tag(TAG_OUTCOME, outcome.tag())
                .register(registry));
    }

    public MeterRegistry registry() {
        return registry;
    }
}
