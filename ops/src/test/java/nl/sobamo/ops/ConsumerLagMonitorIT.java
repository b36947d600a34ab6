package nl.sobamo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.sobamo.testkit.kafka.TestKafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Lag and the Kafka readiness check against a real in-JVM broker. */
class ConsumerLagMonitorIT {

    @Test
    void lagIsEndMinusCommittedSummedOverPartitions() throws Exception {
        try (TestKafkaCluster kafka = TestKafkaCluster.start(List.of(TestKafkaCluster.topic("in.v1", 2)));
             Admin admin = kafka.admin()) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("in.v1", i % 2, "k" + i, "v")).get();
                }
            }
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ConsumerLagMonitor lag = new ConsumerLagMonitor(admin, "app", List.of("in.v1"),
                    Duration.ofSeconds(10), registry);
            assertThat(lag.lag("in.v1")).isNaN();

            lag.refresh(); // no committed offsets yet: everything from the earliest offset
            assertThat(registry.get(ConsumerLagMonitor.LAG).tags("group", "app", "topic", "in.v1").gauge().value())
                    .isEqualTo(10.0);

            admin.alterConsumerGroupOffsets("app", Map.of(
                    new TopicPartition("in.v1", 0), new OffsetAndMetadata(5),
                    new TopicPartition("in.v1", 1), new OffsetAndMetadata(2))).all().get();
            lag.refresh();
            assertThat(lag.lag("in.v1")).isEqualTo(3.0);

            assertThat(new KafkaHealthCheck(admin, Duration.ofSeconds(5)).check().up()).isTrue();
        }
    }
}
