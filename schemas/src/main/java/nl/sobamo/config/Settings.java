package nl.sobamo.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads configuration values for the typed config records of every app. Lookup order, first hit wins:
 * explicit overrides (e.g. from a test or the embedded runner), JVM system properties, environment variables
 * ({@code sobamo.kafka.bootstrap-servers} is read as {@code SOBAMO_KAFKA_BOOTSTRAP_SERVERS}), then the
 * properties file named by {@code sobamo.config.file} / {@code SOBAMO_CONFIG_FILE}, then the caller's default.
 */
public final class Settings {

    public static final String CONFIG_FILE_KEY = "sobamo.config.file";

    private final Properties overrides;
    private final Properties systemProperties;
    private final Map<String, String> env;
    private final Properties file;

    private Settings(Properties overrides, Properties systemProperties, Map<String, String> env, Properties file) {
        this.overrides = overrides;
        this.systemProperties = systemProperties;
        this.env = env;
        this.file = file;
    }

    /** Settings from the process environment, with {@code overrides} taking precedence. */
    public static Settings load(Properties overrides) {
        return of(overrides, System.getProperties(), System.getenv());
    }

    /** The sources made explicit, so tests need not touch the real JVM properties or environment. */
    public static Settings of(Properties overrides, Properties systemProperties, Map<String, String> environment) {
        Properties safeOverrides = overrides == null ? new Properties() : overrides;
        String fileName = firstText(safeOverrides.getProperty(CONFIG_FILE_KEY),
                systemProperties.getProperty(CONFIG_FILE_KEY), environment.get(envName(CONFIG_FILE_KEY)));
        return new Settings(safeOverrides, systemProperties, environment,
                fileName == null ? new Properties() : readFile(Path.of(fileName)));
    }

    public static Settings load() {
        return load(new Properties());
    }

    /** For tests: only the given values, nothing from the environment. */
    public static Settings of(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return new Settings(p, new Properties(), Map.of(), new Properties());
    }

    /** The first non-blank value, trimmed: a blank override does not hide a value set further down. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(firstText(overrides.getProperty(key), systemProperties.getProperty(key),
                env.get(envName(key)), file.getProperty(key)));
    }

    public String string(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public String required(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException(
                "Missing setting '" + key + "' (system property " + key + " or environment variable " + envName(key) + ")"));
    }

    public int integer(String key, int defaultValue) {
        return get(key).map(v -> parse(key, v, Integer::parseInt)).orElse(defaultValue);
    }

    public long longValue(String key, long defaultValue) {
        return get(key).map(v -> parse(key, v, Long::parseLong)).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        return get(key).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("Setting '" + key + "' must be true or false, was '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }).orElse(defaultValue);
    }

    /** Durations as ISO-8601 ({@code PT30S}) or plain milliseconds. */
    public Duration duration(String key, Duration defaultValue) {
        return get(key).map(v -> parse(key, v, s -> s.startsWith("P") || s.startsWith("p")
                ? Duration.parse(s) : Duration.ofMillis(Long.parseLong(s)))).orElse(defaultValue);
    }

    public Path path(String key, Path defaultValue) {
        return get(key).map(Path::of).orElse(defaultValue);
    }

    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Setting '" + key + "' has an invalid value '" + value + "': " + e.getMessage(), e);
        }
    }

    private static String firstText(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c.trim();
            }
        }
        return null;
    }

    private static Properties readFile(Path path) {
        Properties p = new Properties();
        // UTF-8, not the ISO-8859-1 of Properties.load(InputStream): paths may hold non-ASCII names
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read config file " + path.toAbsolutePath() + " (" + CONFIG_FILE_KEY + ")", e);
        }
    }
}
