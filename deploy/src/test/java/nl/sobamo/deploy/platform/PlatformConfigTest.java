package nl.sobamo.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformConfigTest {

    private static final Path WORKING_DIR = Path.of("/work/project");

    @Test
    void defaultsWhenNothingIsSet() {
        PlatformConfig config = resolve(new Properties(), new Properties(), Map.of());

        assertThat(config.dataDir()).isEqualTo(WORKING_DIR.resolve("target/sobamo-data"));
        assertThat(config.kafkaPort()).isZero();
        assertThat(config.registryPort()).isZero();
        assertThat(config.apicurioHome()).isNull();
        assertThat(config.registryStartTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.kafkaDataDir()).isEqualTo(WORKING_DIR.resolve("target/sobamo-data/kafka"));
        assertThat(config.registryDataDir()).isEqualTo(WORKING_DIR.resolve("target/sobamo-data/registry"));
    }

    @Test
    void readsEnvironmentVariables() {
        PlatformConfig config = resolve(new Properties(), new Properties(), Map.of(
                "SOBAMO_DATA_DIR", "/data/sobamo",
                "SOBAMO_KAFKA_PORT", "19092",
                "SOBAMO_REGISTRY_PORT", "18081",
                "SOBAMO_REGISTRY_APICURIO_HOME", "/opt/apicurio",
                "SOBAMO_REGISTRY_START_TIMEOUT", "120"));

        assertThat(config.dataDir()).isEqualTo(Path.of("/data/sobamo"));
        assertThat(config.kafkaPort()).isEqualTo(19092);
        assertThat(config.registryPort()).isEqualTo(18081);
        assertThat(config.apicurioHome()).isEqualTo(Path.of("/opt/apicurio"));
        assertThat(config.registryStartTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void systemPropertiesWinOverEnvironmentAndOverridesWinOverBoth() {
        Properties system = properties(PlatformConfig.KAFKA_PORT, "29092", PlatformConfig.REGISTRY_PORT, "28081");
        Properties overrides = properties(PlatformConfig.KAFKA_PORT, "39092");
        Map<String, String> env = Map.of("SOBAMO_KAFKA_PORT", "19092", "SOBAMO_REGISTRY_PORT", "18081",
                "SOBAMO_DATA_DIR", "/from/env");

        PlatformConfig config = resolve(overrides, system, env);

        assertThat(config.kafkaPort()).isEqualTo(39092);
        assertThat(config.registryPort()).isEqualTo(28081);
        assertThat(config.dataDir()).isEqualTo(Path.of("/from/env"));
    }

    @Test
    void blankValuesCountAsUnset() {
        PlatformConfig config = resolve(properties(PlatformConfig.KAFKA_PORT, "  "), new Properties(),
                Map.of("SOBAMO_KAFKA_PORT", "19092"));

        assertThat(config.kafkaPort()).isEqualTo(19092);
    }

    @Test
    void relativeDataDirIsMadeAbsolute() {
        PlatformConfig config = resolve(properties(PlatformConfig.DATA_DIR, "some/dir"), new Properties(), Map.of());

        assertThat(config.dataDir()).isAbsolute().endsWithRaw(Path.of("some/dir"));
    }

    @ParameterizedTest
    @CsvSource({"90, 90000", "45s, 45000", "2m, 120000", "1500ms, 1500", "PT30S, 30000", "1h, 3600000"})
    void acceptsCommonDurationFormats(String text, long millis) {
        PlatformConfig config = resolve(properties(PlatformConfig.REGISTRY_START_TIMEOUT, text), new Properties(), Map.of());

        assertThat(config.registryStartTimeout()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void rejectsInvalidValuesNamingTheSetting() {
        assertThatThrownBy(() -> resolve(properties(PlatformConfig.KAFKA_PORT, "ninety"), new Properties(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PlatformConfig.KAFKA_PORT).hasMessageContaining("ninety");
        assertThatThrownBy(() -> resolve(properties(PlatformConfig.REGISTRY_PORT, "70000"), new Properties(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PlatformConfig.REGISTRY_PORT);
        assertThatThrownBy(() -> resolve(properties(PlatformConfig.REGISTRY_START_TIMEOUT, "soon"), new Properties(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PlatformConfig.REGISTRY_START_TIMEOUT);
        assertThatThrownBy(() -> resolve(properties(PlatformConfig.REGISTRY_START_TIMEOUT, "0"), new Properties(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void environmentNamesFollowTheSystemPropertyNames() {
        assertThat(PlatformConfig.environmentName(PlatformConfig.APICURIO_HOME)).isEqualTo("SOBAMO_REGISTRY_APICURIO_HOME");
        assertThat(PlatformConfig.environmentName(PlatformConfig.DATA_DIR)).isEqualTo("SOBAMO_DATA_DIR");
    }

    @Test
    void defaultsFactoryUsesFreePortsAndAutomaticLookup() {
        PlatformConfig config = PlatformConfig.defaults(Path.of("/tmp/x"));

        assertThat(config).isEqualTo(new PlatformConfig(Path.of("/tmp/x"), 0, 0, null, Duration.ofSeconds(90)));
    }

    private static PlatformConfig resolve(Properties overrides, Properties system, Map<String, String> env) {
        return PlatformConfig.resolve(overrides, system, env, WORKING_DIR);
    }

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }
}
