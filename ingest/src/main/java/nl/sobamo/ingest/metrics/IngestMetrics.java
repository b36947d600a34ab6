package nl.sobamo.ingest.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import nl.sobamo.ops.FreshnessGauges;
import nl.sobamo.ops.MeterSpec;
import nl.sobamo.ops.Meters;

/**
 * Counts what became of every source record: {@code sobamo.ingest.records} with tags {@code source} and
 * {@code outcome}. Tags stay bounded (a handful of sources times three outcomes); a municipality code is never a tag,
 * it would create hundreds of series per source.
 */
public final class IngestMetrics {

    public static final MeterSpec RECORDS = new MeterSpec("sobamo.ingest.records",
            "Source records by what ingest did with them", "records");
    /**
     * Timer: one HTTP fetch including its retries; tags {@code source}, {@code outcome} (ok, not_modified, failed:
     * the value is snake_cased here, whatever spelling the caller uses).
     */
    public static final MeterSpec FETCH_DURATION = new MeterSpec("sobamo.ingest.fetch.duration",
            "HTTP fetches of open-data pulls, retries and back-off included");
    /** Counter: HTTP attempts that failed and were retried; tag {@code source}. */
    public static final MeterSpec FETCH_RETRIES = new MeterSpec("sobamo.ingest.fetch.retries",
            "HTTP attempts retried after a 429, 5xx or timeout");
    /** Counter: pages read by open-data pulls; tags {@code source}, {@code dataset}. */
    public static final MeterSpec PAGES = new MeterSpec("sobamo.ingest.pages", "Pages read by open-data pulls", "pages");
    /** Counter: scheduled pulls of the long-running mode; tag {@code outcome} (succeeded, failed). */
    public static final MeterSpec SCHEDULED_RUNS = new MeterSpec("sobamo.ingest.scheduled.runs",
            "Scheduled open-data pulls of the long-running ingest");
    /**
     * Gauge: seconds since a pull last confirmed the dataset complete and current (a completed pull, or a check that
     * found it unchanged); tags {@code source}, {@code dataset}. Absent until the first success in this process.
     */
    public static final String FRESHNESS = "sobamo.ingest.freshness";

    public static final String TAG_SOURCE = "source";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_DATASET = "dataset";

    /** The value of the {@code outcome} tag. */
    public enum Outcome {
        PUBLISHED, DEAD_LETTERED, SKIPPED;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Meters meters;
    private final FreshnessGauges freshness;

    public IngestMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    /** @param clock what "now" is for the freshness gauge */
    public IngestMetrics(MeterRegistry registry, Clock clock) {
        this.meters = new Meters(Objects.requireNonNull(registry, "registry"));
        this.freshness = new FreshnessGauges(registry, FRESHNESS,
                "Seconds since the dataset was last confirmed complete and current", Objects.requireNonNull(clock, "clock"));
    }

    public Timer fetchTimer(String source, String outcome) {
        return meters.timer(FETCH_DURATION, TAG_SOURCE, source, TAG_OUTCOME, snakeCase(outcome));
    }

    public Counter fetchRetries(String source) {
        return meters.counter(FETCH_RETRIES, TAG_SOURCE, source);
    }

    public Counter pages(String source, String dataset) {
        return meters.counter(PAGES, TAG_SOURCE, source, TAG_DATASET, dataset);
    }

    /** A scheduled pull ended: {@code succeeded} or {@code failed}. */
    public void scheduledRun(boolean succeeded) {
        meters.counter(SCHEDULED_RUNS, TAG_OUTCOME, succeeded ? "succeeded" : "failed").increment();
    }

    /** Enumerated tag values are snake_case everywhere ({@code not-modified} becomes {@code not_modified}). */
    static String snakeCase(String value) {
        return value.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Records that the dataset was confirmed complete and current at {@code at}; registers its freshness gauge. */
    public void markFresh(String source, String dataset, Instant at) {
        freshness.markAt(at, TAG_SOURCE, source, TAG_DATASET, dataset);
    }

    public void increment(String source, Outcome outcome, int amount) {
        if (amount > 0) {
            counter(source, outcome).increment(amount);
        }
    }

    /** The counter itself, registered on first use; one lookup per (source, outcome), not per record. */
    public Counter counter(String source, Outcome outcome) {
        return meters.counter(RECORDS, TAG_SOURCE, source, TAG_OUTCOME, outcome.tag());
    }

    public MeterRegistry registry() {
        return meters.registry();
    }
}
