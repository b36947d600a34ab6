package nl.sobamo.deploy.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Lag of a consumer group over a set of topics: end offset minus committed offset, summed over partitions.
 * With exactly-once the committed offset moves in the same transaction as the outputs, so zero lag means
 * every output of those inputs is committed and visible.
 */
public final class ConsumerLag {

    private final Admin admin;

    public ConsumerLag(Admin admin) {
        this.admin = admin;
    }

    /** Topics named exactly, plus the group's internal repartition topics (they start with the group id). */
    public long of(String groupId, List<String> inputTopics) throws InterruptedException {
        try {
            Predicate<String> isInput = t -> inputTopics.contains(t)
                    || (t.startsWith(groupId + "-") && t.endsWith("-repartition"));
            List<String> topics = admin.listTopics().names().get().stream().filter(isInput).toList();
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions().forEach(p ->
                    latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                    new org.apache.kafka.clients.admin.ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the lag of group " + groupId + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
