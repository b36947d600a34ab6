package nl.sobamo.aggregate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.sobamo.config.Settings;
import org.junit.jupiter.api.Test;

class QueryApiSettingsTest {

    @Test
    void advertisesThePodIpWhileBindingEveryInterface() {
        QueryApiSettings api = QueryApiSettings.from(Settings.of(Map.of(
                QueryApiSettings.HOST, "0.0.0.0", QueryApiSettings.PORT, "8090",
                QueryApiSettings.ADVERTISED_HOST, "10.1.2.3")));
        assertThat(api).isEqualTo(new QueryApiSettings("0.0.0.0", 8090, "10.1.2.3"));
        assertThat(api.enabled()).isTrue();
    }

    @Test
    void advertisesTheBindHostByDefault() {
        QueryApiSettings api = QueryApiSettings.from(Settings.of(Map.of(QueryApiSettings.HOST, "aggregate-0.svc")));
        assertThat(api.advertisedHost()).isEqualTo("aggregate-0.svc");
        assertThat(api.enabled()).isFalse();
        assertThat(api.withPort(8090)).isEqualTo(new QueryApiSettings("aggregate-0.svc", 8090));
    }

    @Test
    void theEnvironmentNamesTheManifestsUse() {
        assertThat(Settings.envName(QueryApiSettings.ADVERTISED_HOST)).isEqualTo("SOBAMO_AGGREGATE_HTTP_ADVERTISED_HOST");
    }
}
