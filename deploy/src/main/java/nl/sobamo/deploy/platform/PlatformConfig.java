package nl.sobamo.deploy.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import nl.sobamo.config.SettingValues;
import nl.sobamo.config.Settings;

/**
 * Typed settings of the embedded platform (Kafka broker + schema registry).
 *
 * <p>Every setting can be given, from highest to lowest precedence, as an explicit override
 * ({@link #fromEnvironment(Properties)}), a JVM system property, or an environment variable;
 * otherwise the default applies:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>environment variable</th><th>default</th></tr>
 *   <tr><td>{@value #DATA_DIR}</td><td>SOBAMO_DATA_DIR</td><td>{@code target/sobamo-data} under the working directory</td></tr>
 *   <tr><td>{@value #KAFKA_PORT}</td><td>SOBAMO_KAFKA_PORT</td><td>0 = a free port</td></tr>
 *   <tr><td>{@value #REGISTRY_PORT}</td><td>SOBAMO_REGISTRY_PORT</td><td>0 = a free port</td></tr>
 *   <tr><td>{@value #APICURIO_HOME}</td><td>SOBAMO_REGISTRY_APICURIO_HOME</td><td>located next to the deploy jar, see {@link ApicurioHome}</td></tr>
 *   <tr><td>{@value #REGISTRY_START_TIMEOUT}</td><td>SOBAMO_REGISTRY_START_TIMEOUT</td><td>90 s; seconds ({@code 90}), {@code 90s}, {@code 2m} or ISO-8601 ({@code PT90S})</td></tr>
 * </table>
 *
 * @param dataDir              root of all persistent state; Kafka uses {@code <dataDir>/kafka}, the registry {@code <dataDir>/registry}
 * @param kafkaPort            PLAINTEXT client port of the broker on 127.0.0.1, 0 for a free one
 * @param registryPort         HTTP port of the registry on 127.0.0.1, 0 for a free one
 * @param apicurioHome         unpacked Apicurio Registry distribution, or {@code null} to locate it automatically
 * @param registryStartTimeout how long to wait for the registry to answer HTTP requests
 */
public record PlatformConfig(
        Path dataDir,
        int kafkaPort,
        int registryPort,
        Path apicurioHome,
        Duration registryStartTimeout) {

    public static final String DATA_DIR = "sobamo.data.dir";
    public static final String KAFKA_PORT = "sobamo.kafka.port";
    public static final String REGISTRY_PORT = "sobamo.registry.port";
    public static final String APICURIO_HOME = "sobamo.registry.apicurio.home";
    public static final String REGISTRY_START_TIMEOUT = "sobamo.registry.start.timeout";

    public static final Duration DEFAULT_REGISTRY_START_TIMEOUT = Duration.ofSeconds(90);

    public PlatformConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(registryStartTimeout, "registryStartTimeout");
        // Absolute paths: the registry is a child process and H2 refuses relative file URLs,
        // so resolving once here keeps Kafka and the registry pointing at the same place.
        dataDir = dataDir.toAbsolutePath().normalize();
        apicurioHome = apicurioHome == null ? null : apicurioHome.toAbsolutePath().normalize();
        checkPort(KAFKA_PORT, kafkaPort);
        checkPort(REGISTRY_PORT, registryPort);
        SettingValues.require(!registryStartTimeout.isNegative() && !registryStartTimeout.isZero(), REGISTRY_START_TIMEOUT,
                "must be positive, was " + registryStartTimeout);
    }

    /** Settings with free ports, automatic Apicurio lookup and the default timeout. */
    public static PlatformConfig defaults(Path dataDir) {
        return new PlatformConfig(dataDir, 0, 0, null, DEFAULT_REGISTRY_START_TIMEOUT);
    }

    /** Reads the settings from system properties and environment variables, without overrides. */
    public static PlatformConfig fromEnvironment() {
        return fromEnvironment(new Properties());
    }

    /**
     * Reads the settings; a key in {@code overrides} (named like the system property) wins over the
     * system property, which wins over the environment variable.
     */
    public static PlatformConfig fromEnvironment(Properties overrides) {
        return resolve(overrides, System.getProperties(), System.getenv(), Path.of(""));
    }

    /** The sources made explicit, so tests need not touch the real JVM properties or environment. */
    static PlatformConfig resolve(Properties overrides, Properties systemProperties,
                                  Map<String, String> environment, Path workingDir) {
        Settings source = Settings.of(overrides, systemProperties, environment);
        String dataDir = source.get(DATA_DIR).orElse(null);
        String apicurioHome = source.get(APICURIO_HOME).orElse(null);
        String timeout = source.get(REGISTRY_START_TIMEOUT).orElse(null);
        return new PlatformConfig(
                dataDir == null ? workingDir.resolve("target").resolve("sobamo-data") : Path.of(dataDir),
                parsePort(KAFKA_PORT, source.get(KAFKA_PORT).orElse(null)),
                parsePort(REGISTRY_PORT, source.get(REGISTRY_PORT).orElse(null)),
                apicurioHome == null ? null : Path.of(apicurioHome),
                timeout == null ? DEFAULT_REGISTRY_START_TIMEOUT
                        : SettingValues.duration(REGISTRY_START_TIMEOUT, timeout, ChronoUnit.SECONDS));
    }

    /** Kafka's log and metadata directories live here. */
    public Path kafkaDataDir() {
        return dataDir.resolve("kafka");
    }

    /** The registry's H2 database and its log file live here. */
    public Path registryDataDir() {
        return dataDir.resolve("registry");
    }

    /** {@code sobamo.data.dir} becomes {@code SOBAMO_DATA_DIR}. */
    static String environmentName(String key) {
        return Settings.envName(key);
    }

    private static int parsePort(String key, String value) {
        if (value == null) {
            return 0;
        }
        long port = SettingValues.wholeNumber(key, value);
        checkPort(key, port); // before the narrowing cast, which would wrap 4294967296 round to 0
        return (int) port;
    }

    private static void checkPort(String key, long port) {
        SettingValues.require(port >= 0 && port <= 65_535, key, "must be between 0 and 65535 (0 for a free port), was " + port);
    }
}
