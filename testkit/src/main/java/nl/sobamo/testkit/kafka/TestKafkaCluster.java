package nl.sobamo.testkit.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real one-node KRaft cluster (combined broker and controller) in this JVM, for integration tests and benchmark
 * programs. Set up for exactly-once Streams apps: the internal topics get replication factor 1 (the defaults of 3
 * would leave transactions and consumer offsets unavailable on one broker), and a new consumer group rebalances at
 * once instead of waiting three seconds. Topic auto-creation is off, as on the pipeline's brokers, so a test fails
 * on a topic nobody provisions instead of silently getting a one-partition one.
 *
 * <pre>{@code
 * try (TestKafkaCluster kafka = TestKafkaCluster.start(List.of(new NewTopic("t", 3, (short) 1)))) {
 *     ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class TestKafkaCluster implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private TestKafkaCluster(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts the cluster, waits for the broker and creates {@code topics}; the caller closes it. */
    public static TestKafkaCluster start(List<NewTopic> topics) throws Exception {
        return builder().start(topics);
    }

    /** A started cluster without topics. */
    public static TestKafkaCluster start() throws Exception {
        return builder().start(List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A topic with replication factor 1, as every topic on this one broker must have. */
    public static NewTopic topic(String name, int partitions) {
        return new NewTopic(name, partitions, (short) 1);
    }

    /** A compacted topic with replication factor 1 (tables, references, checkpoints). */
    public static NewTopic compactedTopic(String name, int partitions) {
        return topic(name, partitions).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** A new admin client for this cluster; the caller closes it. */
    public Admin admin() {
        return cluster.admin();
    }

    public void createTopics(List<NewTopic> topics) throws InterruptedException, ExecutionException {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get();
        }
    }

    public void createTopics(NewTopic... topics) throws InterruptedException, ExecutionException {
        createTopics(List.of(topics));
    }

    /** Stops the broker (the controller keeps running), for tests of how clients behave while Kafka is down. */
    public void stopBrokers() {
        cluster.brokers().values().forEach(b -> b.shutdown());
    }

    /** The underlying test kit, for what this class does not offer. */
    public KafkaClusterTestKit kit() {
        return cluster;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /** Broker settings beyond the defaults above. */
    public static final class Builder {

        private final Map<String, String> brokerConfig = new LinkedHashMap<>();

        private Builder() {
            // broker settings: their constants live in Kafka's internal server modules, which are runtime-only here
            brokerConfig.put("transaction.state.log.replication.factor", "1");
            brokerConfig.put("transaction.state.log.min.isr", "1");
            brokerConfig.put("offsets.topic.replication.factor", "1");
            brokerConfig.put("group.initial.rebalance.delay.ms", "0");
            brokerConfig.put("auto.create.topics.enable", "false");
        }

        /** Lets producers and consumers create topics by using them (off by default). */
        public Builder autoCreateTopics(boolean enabled) {
            return brokerConfig("auto.create.topics.enable", Boolean.toString(enabled));
        }

        public Builder brokerConfig(String key, String value) {
            brokerConfig.put(key, value);
            return this;
        }

        public TestKafkaCluster start(List<NewTopic> topics) throws Exception {
            KafkaClusterTestKit.Builder kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build());
            brokerConfig.forEach(kit::setConfigProp);
            KafkaClusterTestKit cluster = kit.build();
            try {
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                TestKafkaCluster started = new TestKafkaCluster(cluster);
                started.createTopics(topics);
                return started;
            } catch (Exception e) {
                try {
                    cluster.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }
    }
}
