package nl.sobamo.ingest.schedule;

import java.time.Duration;
import nl.sobamo.config.Settings;

/**
 * When the long-running ingest ({@code IngestApplication serve}) pulls the configured open data:
 * {@value #INTERVAL} ({@code SOBAMO_INGEST_SCHEDULE_INTERVAL}, ISO-8601 or milliseconds, default {@code PT24H})
 * between the end of one pull and the start of the next, the first after {@value #INITIAL_DELAY} (default
 * {@code PT1M}, so Kafka and the registry can come up first). Pulls are incremental (checkpoints), so a short
 * interval costs conditional requests, not re-published records.
 */
public record PullSchedule(Duration interval, Duration initialDelay) {

    public static final String INTERVAL = "sobamo.ingest.schedule.interval";
    public static final String INITIAL_DELAY = "sobamo.ingest.schedule.initial-delay";

    public PullSchedule {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(INTERVAL + " must be positive, was " + interval);
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException(INITIAL_DELAY + " must not be negative, was " + initialDelay);
        }
    }

    public static PullSchedule from(Settings s) {
        return new PullSchedule(s.duration(INTERVAL, Duration.ofHours(24)), s.duration(INITIAL_DELAY, Duration.ofMinutes(1)));
    }
}
