package nl.sobamo.ingest.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts what became of every source record: {@value #RECORDS} with tags {@code source} and {@code outcome}.
 * Tags stay bounded (a handful of sources times three outcomes); a municipality code is never a tag, it would
 * create hundreds of series per source.
 */
public final class IngestMetrics {

    public static final String RECORDS = "sobamo.ingest.records";
    public static final String TAG_SOURCE = "source";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_DATASET = "dataset";

    /**
     * Timer: one HTTP fetch including its retries; tags {@code source}, {@code outcome} (ok, not_modified, failed:
     * the value is snake_cased here, whatever spelling the caller uses).
     */
    public static final String FETCH_DURATION = "sobamo.ingest.fetch.duration";
    /** Counter: HTTP attempts that failed and were retried; tag {@code source}. */
    public static final String FETCH_RETRIES = "sobamo.ingest.fetch.retries";
    /** Counter: pages read by open-data pulls; tags {@code source}, {@code dataset}. */
    public static final String PAGES = "sobamo.ingest.pages";
    /**
     * Gauge: seconds since a pull last confirmed the dataset complete and current (a completed pull, or a check that
     * found it unchanged); tags {@code source}, {@code dataset}. Absent until the first success in this process.
     */
    public static final String FRESHNESS = "sobamo.ingest.freshness";
    /** Counter: scheduled pulls of the long-running mode; tag {@code outcome} (succeeded, failed). */
    public static final String SCHEDULED_RUNS = "sobamo.ingest.scheduled.runs";

    /** The value of the {@code outcome} tag. */
    public enum Outcome {
        PUBLISHED, DEAD_LETTERED, SKIPPED;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private final Map<String, AtomicReference<Instant>> lastSuccess = new ConcurrentHashMap<>();
    private final Clock clock;

    public IngestMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    /** @param clock what "now" is for the freshness gauge */
    public IngestMetrics(MeterRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Timer fetchTimer(String source, String outcome) {
        String tag = snakeCase(outcome);
        return timers.computeIfAbsent(FETCH_DURATION + '\u0000' + source + '\u0000' + tag, k -> Timer.builder(FETCH_DURATION)
                .description("HTTP fetches of open-data pulls, retries and back-off included")
                .tag(TAG_SOURCE, source)
                .tag(TAG_OUTCOME, tag)
                .register(registry));
    }

    public Counter fetchRetries(String source) {
        return counters.computeIfAbsent(FETCH_RETRIES + '\u0000' + source, k -> Counter.builder(FETCH_RETRIES)
                .description("HTTP attempts retried after a 429, 5xx or timeout")
                .tag(TAG_SOURCE, source).register(registry));
    }

    public Counter pages(String source, String dataset) {
        return counters.computeIfAbsent(PAGES + '\u0000' + source + '\u0000' + dataset, k -> Counter.builder(PAGES)
                .description("Pages read by open-data pulls").baseUnit("pages")
                .tag(TAG_SOURCE, source).tag(TAG_DATASET, dataset).register(registry));
    }

    /** A scheduled pull ended: {@code succeeded} or {@code failed}. */
    public void scheduledRun(boolean succeeded) {
        String outcome = succeeded ? "succeeded" : "failed";
        counters.computeIfAbsent(SCHEDULED_RUNS + '\u0000' + outcome, k -> Counter.builder(SCHEDULED_RUNS)
                .description("Scheduled open-data pulls of the long-running ingest")
                .tag(TAG_OUTCOME, outcome).register(registry)).increment();
    }

    /** Enumerated tag values are snake_case everywhere ({@code not-modified} becomes {@code not_modified}). */
    static String snakeCase(String value) {
        return value.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Records that the dataset was confirmed complete and current at {@code at}; registers its freshness gauge. */
    public void markFresh(String source, String dataset, Instant at) {
        lastSuccess.computeIfAbsent(source + '\u0000' + dataset, k -> {
            AtomicReference<Instant> ref = new AtomicReference<>(at);
            Gauge.builder(FRESHNESS, ref, r -> Math.max(0, clock.millis() - r.get().toEpochMilli()) / 1000.0)
                    .description("Seconds since the dataset was last confirmed complete and current")
                    .baseUnit("seconds")
                    .tag(TAG_SOURCE, source)
                    .tag(TAG_DATASET, dataset)
                    .register(registry);
            return ref;
        }).set(at);
    }

    public void increment(String source, Outcome outcome, int amount) {
        if (amount > 0) {
            counter(source, outcome).increment(amount);
        }
    }

    /** The counter itself, registered on first use; one lookup per (source, outcome), not per record. */
    public Counter counter(String source, Outcome outcome) {
        return counters.computeIfAbsent(RECORDS + '\u0000' + source + '\u0000' + outcome, k -> Counter.builder(RECORDS)
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
