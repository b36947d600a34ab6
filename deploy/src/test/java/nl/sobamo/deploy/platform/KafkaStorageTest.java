package nl.sobamo.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formatting runs the real kafka-storage tool, but no broker is started. */
class KafkaStorageTest {

    @TempDir
    Path dataDir;

    @Test
    void formatsOnceAndKeepsTheClusterIdAfterwards() throws Exception {
        KafkaStorage storage = new KafkaStorage(dataDir.resolve("kafka"));
        assertThat(storage.isFormatted()).isFalse();

        String first = storage.prepare(brokerProperties());

        assertThat(storage.isFormatted()).isTrue();
        assertThat(storage.logDir().resolve("meta.properties")).isRegularFile();
        assertThat(Files.readString(storage.clusterIdFile()).trim()).isEqualTo(first);
        assertThat(storage.root().resolve("server.properties")).content().contains("process.roles=broker,controller");

        assertThat(storage.prepare(brokerProperties())).isEqualTo(first);
    }

    @Test
    void recoversALostClusterIdFileFromTheFormattedDirectories() throws Exception {
        KafkaStorage storage = new KafkaStorage(dataDir.resolve("kafka"));
        String clusterId = storage.prepare(brokerProperties());
        Files.delete(storage.clusterIdFile());

        assertThat(storage.prepare(brokerProperties())).isEqualTo(clusterId);
        assertThat(Files.readString(storage.clusterIdFile()).trim()).isEqualTo(clusterId);
    }

    @Test
    void refusesDirectoriesOfAnotherCluster() throws Exception {
        KafkaStorage storage = new KafkaStorage(dataDir.resolve("kafka"));
        storage.prepare(brokerProperties());
        Files.writeString(storage.clusterIdFile(), "AAAAAAAAAAAAAAAAAAAAAA");

        assertThatThrownBy(() -> storage.prepare(brokerProperties()))
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining(storage.root().toString())
                .hasMessageContaining(PlatformConfig.DATA_DIR);
    }

    @Test
    void rejectsAGarbledClusterIdFile() throws Exception {
        KafkaStorage storage = new KafkaStorage(dataDir.resolve("kafka"));
        Files.createDirectories(storage.root());
        Files.writeString(storage.clusterIdFile(), "not a uuid");

        assertThatThrownBy(() -> storage.prepare(brokerProperties()))
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("not a uuid");
    }

    private Map<String, Object> brokerProperties() {
        // Ports are only written to the config file here, never bound.
        return new EmbeddedKafka(dataDir, 0).brokerProperties(19092, 19093);
    }
}
