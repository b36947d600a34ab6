package nl.sobamo.aggregate.bench;

import java.util.List;
import java.util.Map;
import nl.sobamo.aggregate.stream.AggregateTopics;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A one-node in-JVM KRaft cluster (KafkaClusterTestKit) set up for exactly-once Streams apps. */
public final class TestCluster implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    public TestCluster() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The topics the aggregate app reads and writes (its own two it creates itself). */
    public void createPipelineTopics(int partitions, String... extra) throws Exception {
        try (Admin admin = cluster.admin()) {
            List<NewTopic> topics = new java.util.ArrayList<>(List.of(
                    new NewTopic(Topics.OBSERVATIONS, partitions, (short) 1),
                    new NewTopic(Topics.REFERENCE_AREAS, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(Topics.TABLE_INDICATORS, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(Topics.TABLE_BENCHMARKS, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact"))));
            for (String name : extra) {
                topics.add(new NewTopic(name, partitions, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    public Admin admin() {
        return cluster.admin();
    }

    static List<String> tableTopics() {
        return List.of(Topics.TABLE_INDICATORS, Topics.TABLE_BENCHMARKS, AggregateTopics.TABLE_CHANGES, AggregateTopics.TABLE_FRESHNESS);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
