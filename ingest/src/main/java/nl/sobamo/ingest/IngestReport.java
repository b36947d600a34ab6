package nl.sobamo.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What one ingest run did: the final body of an ingest route and the return value of
 * {@link IngestApplication#runBundledKwb()} / {@link IngestApplication#runBundledIv3()}.
 *
 * @param source       source system, e.g. {@code cbs-kwb}
 * @param dataset      dataset id, e.g. {@code 85984NED}
 * @param published    records acknowledged by Kafka on the raw topic
 * @param deadLettered dead letters acknowledged by Kafka on the ingest DLQ
 * @param skipped      parts left out on purpose, per reason code
 * @param duration     wall time of the run, from loading the resource to the last acknowledgement
 */
public record IngestReport(
        String source,
        String dataset,
        int published,
        int deadLettered,
        Map<String, Integer> skipped,
        Duration duration) {

    public IngestReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dataset, "dataset");
        skipped = Map.copyOf(skipped);
        Objects.requireNonNull(duration, "duration");
    }

    public int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The one line the route logs. */
    public String summary() {
        return String.format("%s %s: published %d, dead-lettered %d, skipped %d %s in %d ms",
                source, dataset, published, deadLettered, skippedTotal(), skipped, duration.toMillis());
    }
}
