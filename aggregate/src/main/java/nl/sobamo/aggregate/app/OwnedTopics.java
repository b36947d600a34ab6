package nl.sobamo.aggregate.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import nl.sobamo.aggregate.stream.AggregateTopics;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the compacted output topics this stage added ({@link AggregateTopics#OWNED}) when they are missing,
 * with the partition count of {@code sobamo.tables.indicators.v1}. Brokers run with topic auto-creation off;
 * until the deploy module provisions these topics itself, the app makes sure its sinks exist.
 */
final class OwnedTopics {

    private OwnedTopics() {
    }

    static void ensure(String bootstrapServers, int replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            int partitions = existing.contains(Topics.TABLE_INDICATORS)
                    ? admin.describeTopics(List.of(Topics.TABLE_INDICATORS)).allTopicNames().get()
                    .get(Topics.TABLE_INDICATORS).partitions().size()
                    : 1;
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : AggregateTopics.OWNED) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) replicationFactor)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the aggregate output topics: " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the aggregate output topics", e);
        }
    }
}
