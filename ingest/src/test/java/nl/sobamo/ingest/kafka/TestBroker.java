package nl.sobamo.ingest.kafka;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real one-node KRaft cluster in this JVM for the ingest integration tests and programs. */
public final class TestBroker {

    private TestBroker() {
    }

    /** Formats and starts the cluster, waits for the broker and creates {@code topics}; the caller closes it. */
    public static KafkaClusterTestKit start(List<NewTopic> topics) throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = cluster.admin()) {
            admin.createTopics(topics).all().get();
        }
        return cluster;
    }
}
