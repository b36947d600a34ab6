package nl.sobamo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void defaultsMatchTheDocumentedValues() {
        RegistryConfig config = RegistryConfig.of("http://127.0.0.1:8080/apis/ccompat/v7/");

        assertThat(config).isEqualTo(new RegistryConfig("http://127.0.0.1:8080/apis/ccompat/v7", null, null,
                Duration.ofSeconds(10), 5, Duration.ofMillis(200), Duration.ofSeconds(5)));
        assertThat(config.isMock()).isFalse();
    }

    @Test
    void readsConfluentNamedPropertiesAsStringsOrNumbers() {
        RegistryConfig config = RegistryConfig.fromProperties(Map.of(
                "schema.registry.url", "https://registry.example:8081",
                "basic.auth.user.info", "svc:pw",
                "schema.registry.request.timeout.ms", "2500",
                "schema.registry.max.retries", 2,
                "schema.registry.retry.backoff.ms", 10L,
                "schema.registry.retry.backoff.max.ms", "40",
                "bootstrap.servers", "ignored:9092"));

        assertThat(config).isEqualTo(new RegistryConfig("https://registry.example:8081", "svc:pw", null,
                Duration.ofMillis(2500), 2, Duration.ofMillis(10), Duration.ofMillis(40)));
        assertThat(RegistryConfig.fromProperties(Map.of(RegistryConfig.URL, "http://h",
                RegistryConfig.BEARER_AUTH_TOKEN, "tok")).bearerToken()).isEqualTo("tok");
    }

    @Test
    void missingUrlNamesTheKey() {
        assertThatThrownBy(() -> RegistryConfig.fromProperties(Map.of("bootstrap.servers", "localhost:9092")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'schema.registry.url'");
        assertThatThrownBy(() -> RegistryConfig.fromProperties(Map.of(RegistryConfig.URL, " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void rejectsValuesThatWouldFailLaterAndMoreConfusingly() {
        assertThatThrownBy(() -> RegistryConfig.of("localhost:8080"))
                .hasMessageContaining("http(s)://");
        assertThatThrownBy(() -> RegistryConfig.of("http://a:8081,http://b:8081"))
                .hasMessageContaining("single URL");
        assertThatThrownBy(() -> RegistryConfig.of("http://user:pw@host:8081"))
                .hasMessageContaining("must not contain credentials");
        assertThatThrownBy(() -> RegistryConfig.of("mock://"))
                .hasMessageContaining("scope");
        assertThatThrownBy(() -> RegistryConfig.fromProperties(Map.of(RegistryConfig.URL, "http://h",
                RegistryConfig.MAX_RETRIES, "many")))
                .hasMessageContaining("schema.registry.max.retries")
                .hasMessageContaining("many");
        assertThatThrownBy(() -> RegistryConfig.of("http://h").withBasicAuth("u:p").withRetries(1,
                Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining(RegistryConfig.RETRY_BACKOFF_MAX_MS);
        assertThatThrownBy(() -> RegistryConfig.fromProperties(Map.of(RegistryConfig.URL, "http://h",
                RegistryConfig.BASIC_AUTH_USER_INFO, "u:p", RegistryConfig.BEARER_AUTH_TOKEN, "t")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> RegistryConfig.of("http://h").withBasicAuth("no-colon"))
                .hasMessageContaining("user:password");
    }

    @Test
    void toStringMasksSecrets() {
        assertThat(RegistryConfig.of("http://h").withBasicAuth("svc:hunter2").toString())
                .contains("svc:***").doesNotContain("hunter2");
        assertThat(RegistryConfig.of("http://h").withBearerToken("eyJsecret").toString())
                .contains("bearer(***)").doesNotContain("eyJsecret");
    }

    @Test
    void mockUrlsExposeTheirScope() {
        RegistryConfig config = RegistryConfig.of("mock://normalize-test");

        assertThat(config.isMock()).isTrue();
        assertThat(config.mockScope()).isEqualTo("normalize-test");
        assertThatThrownBy(() -> RegistryConfig.of("http://h").mockScope()).isInstanceOf(IllegalStateException.class);
    }
}
