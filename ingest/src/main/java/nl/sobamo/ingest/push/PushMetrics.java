package nl.sobamo.ingest.push;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.push.validation.Dataset;

/**
 * {@value #REQUESTS} (timer) per channel ({@code api}, {@code file}), dataset (the five, or {@code unknown}) and
 * status (HTTP status code, bounded by what the API answers). Published records also count in
 * {@link IngestMetrics#RECORDS} with {@code source=push}. Municipality codes are never tags.
 */
public final class PushMetrics {

    public static final String REQUESTS = "sobamo.push.requests";

    private final MeterRegistry registry;
    private final IngestMetrics ingest;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.ingest = new IngestMetrics(registry);
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
        ingest.increment(PushRecords.SOURCE, IngestMetrics.Outcome.PUBLISHED, records);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
