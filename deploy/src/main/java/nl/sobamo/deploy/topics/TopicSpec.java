package nl.sobamo.deploy.topics;

import java.util.List;
import java.util.Map;
import nl.sobamo.aggregate.stream.AggregateTopics;
import nl.sobamo.topics.Topics;

/** A topic the pipeline needs, with the retention policy DESIGN.md fixes for it. */
public record TopicSpec(String name, int partitions, Map<String, String> config) {

    private static final String DAY_MS = Long.toString(24L * 60 * 60 * 1000);

    static Map<String, String> deleteAfterDays(int days) {
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(days * Long.parseLong(DAY_MS)));
    }

    static Map<String, String> compacted() {
        return Map.of("cleanup.policy", "compact");
    }

    /** Every topic of the pipeline. Partition counts suit one embedded broker; clusters override them. */
    public static List<TopicSpec> pipelineTopics(int partitions) {
        return List.of(
                new TopicSpec(Topics.RAW_CBS_KWB, partitions, deleteAfterDays(30)),
                new TopicSpec(Topics.RAW_IV3, partitions, deleteAfterDays(30)),
                new TopicSpec(Topics.RAW_PUSH, partitions, deleteAfterDays(30)),
                new TopicSpec(Topics.RAW_CBS_GEBIEDEN, partitions, deleteAfterDays(30)),
                new TopicSpec(Topics.RAW_RIVM, partitions, deleteAfterDays(30)),
                new TopicSpec(Topics.RAW_LEEFBAAROMETER, partitions, deleteAfterDays(30)),
                new TopicSpec(Topics.INGEST_CHECKPOINTS, 1, compacted()),
                // the observation log is the replayable source of truth: kept forever
                new TopicSpec(Topics.OBSERVATIONS, partitions, Map.of("cleanup.policy", "delete", "retention.ms", "-1")),
                new TopicSpec(Topics.REFERENCE_AREAS, partitions, compacted()),
                new TopicSpec(Topics.REFERENCE_INDICATORS, partitions, compacted()),
                new TopicSpec(Topics.TABLE_INDICATORS, partitions, compacted()),
                new TopicSpec(Topics.TABLE_BENCHMARKS, partitions, compacted()),
                new TopicSpec(Topics.TABLE_POSITIONS, partitions, compacted()),
                new TopicSpec(Topics.TABLE_DISTRICTS, partitions, compacted()),
                new TopicSpec(AggregateTopics.TABLE_CHANGES, partitions, compacted()),
                new TopicSpec(AggregateTopics.TABLE_FRESHNESS, partitions, compacted()),
                new TopicSpec(Topics.DLQ_INGEST, 1, deleteAfterDays(90)),
                new TopicSpec(Topics.DLQ_NORMALIZE, 1, deleteAfterDays(90)));
    }
}
