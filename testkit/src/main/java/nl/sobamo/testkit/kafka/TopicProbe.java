package nl.sobamo.testkit.kafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a test run appended to topics of a real broker: end offsets before the run, the count and the
 * records appended since. Shared by the ingest integration tests.
 */
public final class TopicProbe {

    private final String bootstrapServers;

    public TopicProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public Map<TopicPartition, Long> beginning(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return consumer.beginningOffsets(partitions(consumer, topic));
        }
    }

    public Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer, topic));
        }
    }

    public long appendedSince(Map<TopicPartition, Long> before) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> now = consumer.endOffsets(before.keySet());
            return now.entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
        }
    }

    /** The records appended since {@code from}, read up to the end offsets at the time of the call. */
    public List<ConsumerRecord<String, byte[]>> readSince(Map<TopicPartition, Long> from) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Decodes a value in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary) independently of our serde. */
    public static <T> T decode(byte[] value, Class<T> type) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(value);
        if (b.get() != 0) {
            throw new IllegalStateException("not the Confluent wire format: magic byte is not 0");
        }
        b.getInt();
        return new SpecificDatumReader<>(type).read(null,
                DecoderFactory.get().binaryDecoder(value, b.position(), b.remaining(), null));
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
