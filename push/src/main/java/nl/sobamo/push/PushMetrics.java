package nl.sobamo.push;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import nl.sobamo.push.validation.Dataset;

/**
 * {@value #REQUESTS} (timer) per channel ({@code api}, {@code file}), dataset (the five, or {@code unknown}) and
 * status (HTTP status code, bounded by what the API answers). Published records also count in
 * {@value #RECORDS} with {@code source=push, outcome=published}, beside the ingest routes' counts of the same name.
 * Municipality codes are never tags.
 */
public final class PushMetrics {

    public static final String REQUESTS = "sobamo.push.requests";
    /** The records counter the ingest routes count into too, so one query sums every source. */
    public static final String RECORDS = "sobamo.ingest.records";

    private final MeterRegistry registry;
    private final Counter published;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.published = Counter.builder(RECORDS)
                .description("Source records by what ingest did with them")
                .baseUnit("records")
                .tag("source", PushRecords.SOURCE)
                .tag("outcome", "published")
                .register(registry);
    }

    public void request(String channel, String dataset, int status, Duration took) {
        String ds = Dataset.byId(dataset).map(Dataset::id).orElse("unknown");
        timers.computeIfAbsent(channel + ds + status, k -> Timer.builder(REQUESTS)
                .description("Push API requests and dropped files by outcome")
                .tag("channel", channel.toLowerCase(Locale.ROOT))
                .tag("dataset", ds)
                .tag("status", Integer.toString(status))
                .register(registry)).record(took);
    }

    public void published(int records) {
        published.increment(records);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
