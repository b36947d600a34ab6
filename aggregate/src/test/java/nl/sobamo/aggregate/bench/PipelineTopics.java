package nl.sobamo.aggregate.bench;

import static nl.sobamo.testkit.kafka.TestKafkaCluster.compactedTopic;
import static nl.sobamo.testkit.kafka.TestKafkaCluster.topic;

import java.util.ArrayList;
import java.util.List;
import nl.sobamo.aggregate.stream.AggregateTopics;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.NewTopic;

/** The topics the aggregate app reads and writes on a test cluster (its own two it creates itself). */
public final class PipelineTopics {

    private PipelineTopics() {
    }

    /** Observations, the area reference and the two shared tables, plus {@code extra} plain topics. */
    public static List<NewTopic> of(int partitions, String... extra) {
        List<NewTopic> topics = new ArrayList<>(List.of(
                topic(Topics.OBSERVATIONS, partitions),
                compactedTopic(Topics.REFERENCE_AREAS, 1),
                compactedTopic(Topics.TABLE_INDICATORS, partitions),
                compactedTopic(Topics.TABLE_BENCHMARKS, partitions),
                compactedTopic(Topics.TABLE_POSITIONS, partitions)));
        for (String name : extra) {
            topics.add(topic(name, partitions));
        }
        return topics;
    }

    static List<String> tableTopics() {
        return List.of(Topics.TABLE_INDICATORS, Topics.TABLE_BENCHMARKS, Topics.TABLE_POSITIONS, AggregateTopics.TABLE_CHANGES,
                AggregateTopics.TABLE_FRESHNESS);
    }
}
