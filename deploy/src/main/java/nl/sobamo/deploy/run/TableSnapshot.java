package nl.sobamo.deploy.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a compacted table topic from the beginning to its current end and keeps the latest value per key
 * (a null value deletes), which is exactly what a downstream consumer of the table sees.
 */
public final class TableSnapshot {

    private TableSnapshot() {
    }

    public static <K, V> Map<K, V> read(String bootstrapServers, String topic, Deserializer<K> keys, Deserializer<V> values) {
        Map<K, V> table = new LinkedHashMap<>();
        TopicScan.forEach(bootstrapServers, topic, keys, values, r -> {
            if (r.value() == null) {
                table.remove(r.key());
            } else {
                table.put(r.key(), r.value());
            }
        });
        return table;
    }

    /** Every non-null value of a topic from the beginning to its current end, in partition order. */
    public static <V> void forEachRecord(String bootstrapServers, String topic, Deserializer<V> values,
                                         java.util.function.Consumer<V> action) {
        TopicScan.forEach(bootstrapServers, topic, new ByteArrayDeserializer(), values, r -> {
            if (r.value() != null) {
                action.accept(r.value());
            }
        });
    }

    /** Number of records (not keys) in a topic, e.g. raw or dead-letter topics. */
    public static long recordCount(String bootstrapServers, String topic) {
        long[] count = new long[1];
        TopicScan.forEach(bootstrapServers, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), r -> count[0]++);
        return count[0];
    }
}
