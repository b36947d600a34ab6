package nl.sobamo.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.sobamo.schemas.RawRecord;
import nl.sobamo.testkit.kafka.TestKafkaCluster;
import nl.sobamo.testkit.kafka.TopicProbe;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** A real in-JVM KRaft broker with the push topic, and reading what the push API wrote. */
public final class PushKafka implements AutoCloseable {

    private final TestKafkaCluster cluster;
    private final TopicProbe probe;

    private PushKafka(TestKafkaCluster cluster) {
        this.cluster = cluster;
        this.probe = new TopicProbe(cluster.bootstrapServers());
    }

    public static PushKafka start() throws Exception {
        return new PushKafka(TestKafkaCluster.start(List.of(new NewTopic(Topics.RAW_PUSH, 3, (short) 1))));
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Stops the broker (the controller keeps running): the API must then answer 503. */
    public void stopBroker() {
        cluster.stopBrokers();
    }

    /** End offset per partition of the push topic. */
    public Map<TopicPartition, Long> endOffsets() {
        return probe.endOffsets(Topics.RAW_PUSH);
    }

    /** Records appended since {@code before}, counted from the end offsets (no waiting). */
    public long appendedSince(Map<TopicPartition, Long> before) {
        return probe.appendedSince(before);
    }

    /** The records appended since {@code before}, decoded, in offset order per partition. */
    public List<ConsumerRecord<String, RawRecord>> readSince(Map<TopicPartition, Long> before) throws Exception {
        List<ConsumerRecord<String, RawRecord>> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : probe.readSince(before)) {
            out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), decode(r.value())));
        }
        return out;
    }

    static RawRecord decode(byte[] value) throws Exception {
        return TopicProbe.decode(value, RawRecord.class);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
