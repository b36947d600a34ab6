package nl.sobamo.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    private final Map<String, String> env;
    private final Properties file;

    private Settings(Properties overrides, Map<String, String> env, Properties file) {
        this.overrides = overrides;
        this.env = env;
        this.file = file;
    }

    /** Settings from the process environment, with {@code overrides} taking precedence. */
    public static Settings load(Properties overrides) {
        Properties safeOverrides = overrides == null ? new Properties() : overrides;
        Map<String, String> env = System.getenv();
        String fileName = firstNonNull(safeOverrides.getProperty(CONFIG_FILE_KEY),
                System.getProperty(CONFIG_FILE_KEY), env.get(envName(CONFIG_FILE_KEY)));
        return new Settings(safeOverrides, env, fileName == null ? new Properties() : readFile(Path.of(fileName)));
    }

    public static Settings load() {
        return load(new Properties());
    }

    /** For tests: only the given values, nothing from the environment. */
    public static Settings of(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return new Settings(p, Map.of(), new Properties());
    }

    public Optional<String> get(String key) {
        String value = firstNonNull(overrides.getProperty(key), System.getProperty(key), env.get(envName(key)),
                file.getProperty(key));
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
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

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Setting '" + key + "' has an invalid value '" + value + "': " + e.getMessage(), e);
        }
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Properties readFile(Path path) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read config file " + path.toAbsolutePath(), e);
        }
    }
}
