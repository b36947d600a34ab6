package nl.sobamo.ingest.push;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import nl.sobamo.schemas.RawRecord;
import nl.sobamo.topics.Topics;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real in-JVM KRaft broker with the push topic, and reading what the push API wrote. */
public final class PushKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private PushKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static PushKafka start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(Topics.RAW_PUSH, 3, (short) 1))).all().get();
        }
        return new PushKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops the broker (the controller keeps running): the API must then answer 503. */
    public void stopBroker() {
        cluster.brokers().values().forEach(b -> b.shutdown());
    }

    /** End offset per partition of the push topic. */
    public Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RAW_PUSH).stream()
                    .map(p -> new TopicPartition(Topics.RAW_PUSH, p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** Records appended since {@code before}, counted from the end offsets (no waiting). */
    public long appendedSince(Map<TopicPartition, Long> before) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> now = consumer.endOffsets(before.keySet());
            return now.entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
        }
    }

    /** The records appended since {@code before}, decoded, in offset order per partition. */
    public List<ConsumerRecord<String, RawRecord>> readSince(Map<TopicPartition, Long> before) throws Exception {
        List<ConsumerRecord<String, RawRecord>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> end = consumer.endOffsets(before.keySet());
            consumer.assign(before.keySet());
            before.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), decode(r.value())));
                }
            }
        }
        return out;
    }

    /** Confluent wire format: magic byte 0, 4-byte schema id, Avro binary. */
    static RawRecord decode(byte[] value) throws Exception {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        if (buffer.get() != 0) {
            throw new IllegalStateException("not the Confluent wire format");
        }
        buffer.getInt();
        return new SpecificDatumReader<>(RawRecord.class).read(null, DecoderFactory.get()
                .binaryDecoder(value, buffer.position(), buffer.remaining(), null));
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
