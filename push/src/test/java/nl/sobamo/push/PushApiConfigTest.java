package nl.sobamo.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import nl.sobamo.config.ConnectionSettings;
import org.junit.jupiter.api.Test;

class PushApiConfigTest {

    @Test
    void defaults() {
        PushApiConfig c = PushApiConfig.from(Map.of());

        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8095);
        assertThat(c.maxBodyBytes()).isEqualTo(1_048_576);
        assertThat(c.maxBatchRecords()).isEqualTo(1_000);
        assertThat(c.rateLimitPerMinute()).isEqualTo(120);
        assertThat(c.rateLimitBurst()).isEqualTo(20);
        assertThat(c.keysFile()).isEqualTo(Path.of("push-keys.txt"));
        assertThat(c.keysReloadMillis()).isEqualTo(2_000);
        assertThat(c.receiptsFile()).isEqualTo(Path.of("push-receipts.jsonl"));
        assertThat(c.receiptsRetentionHours()).isEqualTo(168);
        assertThat(c.deliveryTimeoutMillis()).isEqualTo(5_000);
        assertThat(c.requestTimeoutMillis()).isEqualTo(2_000);
        assertThat(c.maxBlockMillis()).isEqualTo(2_000);
        assertThat(c.dropDir()).isEmpty();
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void valuesBecomeCamelProperties() {
        PushApiConfig c = PushApiConfig.from(Map.of(PushApiConfig.PORT, "0", PushApiConfig.DROP_DIR, "/srv/drop",
                ConnectionSettings.BOOTSTRAP_SERVERS, "k:9092"));
        Properties p = c.toProperties();

        assertThat(c.dropDir()).isEqualTo(Optional.of(Path.of("/srv/drop")));
        assertThat(p.getProperty("sobamo.push.port")).isEqualTo("0");
        assertThat(p.getProperty("sobamo.push.drop-dir")).isEqualTo("/srv/drop");
        assertThat(p.getProperty("sobamo.kafka.bootstrap-servers")).isEqualTo("k:9092");
        assertThat(p.getProperty("sobamo.topic.raw-push")).isEqualTo("sobamo.raw.push.v1");
        assertThat(c.withPort(9000).port()).isEqualTo(9000);
    }

    @Test
    void overridesWinOverSystemProperties() {
        System.setProperty(PushApiConfig.MAX_BATCH_RECORDS, "7");
        try {
            assertThat(PushApiConfig.load().maxBatchRecords()).isEqualTo(7);
            Properties overrides = new Properties();
            overrides.setProperty(PushApiConfig.MAX_BATCH_RECORDS, "9");
            assertThat(PushApiConfig.load(overrides).maxBatchRecords()).isEqualTo(9);
        } finally {
            System.clearProperty(PushApiConfig.MAX_BATCH_RECORDS);
        }
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> PushApiConfig.from(Map.of(PushApiConfig.PORT, "http")))
                .hasMessage("Setting 'sobamo.push.port' must be a whole number, was 'http'");
        assertThatThrownBy(() -> PushApiConfig.from(Map.of(PushApiConfig.DELIVERY_TIMEOUT_MILLIS, "1000")))
                .hasMessage("Setting 'sobamo.push.kafka.delivery-timeout-ms' must be at least"
                        + " sobamo.push.kafka.request-timeout-ms + 5 (linger.ms)");
    }
}
