package nl.sobamo.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Settings every sobamo Kafka Streams app shares. Exactly-once v2 is not optional: the tables are published
 * to downstream monitors, and a half-applied update must never be visible.
 */
public record StreamsSettings(
        String applicationId,
        String bootstrapServers,
        String registryUrl,
        Path stateDir,
        Duration commitInterval,
        long cacheMaxBytes,
        int replicationFactor,
        int numStreamThreads) {

    /**
     * Kafka Streams' own exactly-once default. Every hop through a repartition topic waits for a commit (read_committed),
     * so a single update's latency is a few commit intervals: 100 ms keeps an update under half a second
     * (docs/performance.md); 500 ms made it ~1.6 s and bought little throughput.
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    /** Where a Streams app keeps its local state; the local runner gives every instance its own. */
    public static final String STATE_DIR = "sobamo.streams.state-dir";

    public static StreamsSettings from(Settings s, String defaultApplicationId) {
        return from(s, defaultApplicationId, 1);
    }

    /** As {@link #from(Settings, String)}, for an app whose {@code sobamo.streams.threads} default is not 1. */
    public static StreamsSettings from(Settings s, String defaultApplicationId, int defaultThreads) {
        return new StreamsSettings(
                s.string("sobamo.streams.application-id", defaultApplicationId),
                ConnectionSettings.bootstrapServers(s),
                ConnectionSettings.registryUrl(s),
                s.path(STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "sobamo-streams")),
                s.duration("sobamo.streams.commit-interval", DEFAULT_COMMIT_INTERVAL),
                s.longValue("sobamo.streams.cache-max-bytes", 32L * 1024 * 1024),
                s.integer("sobamo.kafka.replication-factor", 1),
                s.integer("sobamo.streams.threads", defaultThreads));
    }

    public StreamsSettings withApplicationId(String id) {
        return new StreamsSettings(id, bootstrapServers, registryUrl, stateDir, commitInterval, cacheMaxBytes,
                replicationFactor, numStreamThreads);
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.put("application.id", applicationId);
        p.put("bootstrap.servers", bootstrapServers);
        p.put("processing.guarantee", "exactly_once_v2");
        p.put("state.dir", stateDir.toString());
        p.put("commit.interval.ms", Long.toString(commitInterval.toMillis()));
        p.put("statestore.cache.max.bytes", Long.toString(cacheMaxBytes));
        p.put("replication.factor", Integer.toString(replicationFactor));
        p.put("num.stream.threads", Integer.toString(numStreamThreads));
        p.put("schema.registry.url", registryUrl);
        // read_committed is implied by EOS; earliest so a new app id replays the whole event log.
        p.put("consumer.auto.offset.reset", "earliest");
        return p;
    }
}
