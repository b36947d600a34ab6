package nl.sobamo.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration and argument checks; the running broker is covered by EmbeddedPlatformIT. */
class EmbeddedKafkaTest {

    @TempDir
    Path dataDir;

    @Test
    void singleNodeSettingsMakeTransactionsAndExplicitTopicsWork() {
        Map<String, Object> props = new EmbeddedKafka(dataDir, 0).brokerProperties(19092, 19093);

        assertThat(props).containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("log.dirs", dataDir.resolve("kafka/logs").toAbsolutePath().toString())
                .containsEntry("metadata.log.dir", dataDir.resolve("kafka/metadata").toAbsolutePath().toString());
    }

    @Test
    void aConfiguredPortInUseIsReportedWithTheSettingName() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             EmbeddedKafka kafka = new EmbeddedKafka(dataDir, taken.getLocalPort())) {
            assertThatThrownBy(kafka::start)
                    .isInstanceOf(PlatformStartException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()))
                    .hasMessageContaining(PlatformConfig.KAFKA_PORT);
        }
    }

    @Test
    void accessorsNeedARunningBroker() {
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, 0);

        assertThatThrownBy(kafka::bootstrapServers).isInstanceOf(IllegalStateException.class);
        assertThat(kafka.dataDir()).isEqualTo(dataDir.resolve("kafka").toAbsolutePath());
        kafka.close();
        assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
