package nl.sobamo.normalize.app;

import java.time.Duration;
import java.util.Properties;
import nl.sobamo.config.Settings;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings of the normalize app only (docs/performance.md, normalize). Each has a default and a
 * property (or its environment name, see {@link Settings}).
 *
 * @param maxTaskIdle       {@code max.task.idle.ms}; -1 (default) processes whatever raw topic has data. One task
 *                          reads a partition of every raw topic; with the Kafka default (0) Kafka Streams checks the
 *                          empty partitions' lag before processing and formats a message (String.format) for each
 *                          empty one whether or not it is logged: 10 % of the stream thread. Normalize maps each raw
 *                          record on its own (no join, no time-ordered state across topics), so the order between
 *                          raw topics does not matter
 * @param producerBatchSize {@code producer.batch.size} in bytes, 64 kB (Kafka: 16 kB): ~3 observations leave per
 *                          raw record, and fewer, fuller produce requests cost the producer and the broker less CPU
 *                          per record during a load (the plain producer of the benchmark uses the same)
 * @param producerLinger    {@code producer.linger.ms}, 10 ms (Kafka: 5 ms). Adds no latency to what consumers see:
 *                          records become visible at the commit, and every commit flushes the open batches first
 */
public record NormalizeTuning(Duration maxTaskIdle, int producerBatchSize, Duration producerLinger) {

    public static final Duration DEFAULT_MAX_TASK_IDLE = Duration.ofMillis(-1);
    public static final int DEFAULT_PRODUCER_BATCH_SIZE = 64 * 1024;
    public static final Duration DEFAULT_PRODUCER_LINGER = Duration.ofMillis(10);

    public static NormalizeTuning defaults() {
        return new NormalizeTuning(DEFAULT_MAX_TASK_IDLE, DEFAULT_PRODUCER_BATCH_SIZE, DEFAULT_PRODUCER_LINGER);
    }

    public static NormalizeTuning from(Settings s) {
        return new NormalizeTuning(
                s.duration("sobamo.normalize.max-task-idle", DEFAULT_MAX_TASK_IDLE),
                s.integer("sobamo.normalize.producer.batch-size", DEFAULT_PRODUCER_BATCH_SIZE),
                s.duration("sobamo.normalize.producer.linger", DEFAULT_PRODUCER_LINGER));
    }

    /** The streams properties with these settings applied. */
    public Properties applyTo(Properties streams) {
        Properties p = new Properties();
        p.putAll(streams);
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(maxTaskIdle.toMillis()));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(producerBatchSize));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Long.toString(producerLinger.toMillis()));
        return p;
    }
}
