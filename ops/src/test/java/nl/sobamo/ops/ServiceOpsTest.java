package nl.sobamo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.sobamo.config.Settings;
import org.junit.jupiter.api.Test;

class ServiceOpsTest {

    @Test
    void notReadyWithoutKafkaNamingEachCheckAndServesProcessMetrics() throws Exception {
        Settings settings = Settings.of(Map.of(OpsSettings.PORT, "0", OpsSettings.HOST, "127.0.0.1"));
        try (ServiceOps ops = ServiceOps.create("test", settings, "127.0.0.1:1", "mock://ops-test").start()) {
            OpsServer server = ops.server().orElseThrow();
            OpsServer.Readiness readiness = server.readiness();
            assertThat(readiness.up()).isFalse();
            assertThat(readiness.json()).contains("\"kafka\":{\"status\":\"DOWN\"")
                    .contains("\"registry\":{\"status\":\"UP\"");
            assertThat(ops.registry().scrape()).contains("jvm_memory_used_bytes").contains("service=\"test\"");
        }
    }

    @Test
    void portMinusOneMeansNoEndpoint() {
        Settings settings = Settings.of(Map.of(OpsSettings.PORT, "-1"));
        try (ServiceOps ops = ServiceOps.create("test", settings, "127.0.0.1:1", "mock://ops-test").start()) {
            assertThat(ops.server()).isEmpty();
            assertThat(ops.registry().getMeters()).isNotEmpty();
        }
    }
}
