package nl.sobamo.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the schema registry is and how to talk to it.
 *
 * <p>The property names follow Confluent's serde configuration, so the same Kafka client, Kafka Streams or Camel
 * configuration works whether it is read by our serdes or by Confluent's.
 *
 * @param baseUrl           {@code http(s)://host:port/path} of the Confluent-compatible API (for Apicurio:
 *                          {@code .../apis/ccompat/v7}), or {@code mock://<scope>} for a shared in-memory registry
 * @param basicAuthUserInfo {@code user:password} for HTTP basic authentication, or null
 * @param bearerToken       static bearer token, or null; mutually exclusive with basic authentication
 * @param requestTimeout    limit for connecting and for each request
 * @param maxRetries        retries after the first attempt for 5xx, 429 and I/O failures
 * @param initialBackoff    wait before the first retry; doubled for each further retry
 * @param maxBackoff        cap on the wait between retries
 */
public record RegistryConfig(
        String baseUrl,
        String basicAuthUserInfo,
        String bearerToken,
        Duration requestTimeout,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff) {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_RETRIES = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    private static final String MOCK_PREFIX = "mock://";

    public RegistryConfig {
        baseUrl = normaliseUrl(baseUrl);
        basicAuthUserInfo = blankToNull(basicAuthUserInfo);
        bearerToken = blankToNull(bearerToken);
        if (basicAuthUserInfo != null && bearerToken != null) {
            // Sending both would let the registry pick one silently; make the ambiguity a startup error instead.
            throw new IllegalArgumentException(
                    "Configure either " + BASIC_AUTH_USER_INFO + " or " + BEARER_AUTH_TOKEN + ", not both");
        }
        if (basicAuthUserInfo != null && !basicAuthUserInfo.contains(":")) {
            throw new IllegalArgumentException(BASIC_AUTH_USER_INFO + " must have the form user:password");
        }
        requirePositive(REQUEST_TIMEOUT_MS, requestTimeout);
        if (maxRetries < 0) {
            throw new IllegalArgumentException(MAX_RETRIES + " must not be negative, got " + maxRetries);
        }
        requireNotNegative(RETRY_BACKOFF_MS, initialBackoff);
        requireNotNegative(RETRY_BACKOFF_MAX_MS, maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(RETRY_BACKOFF_MAX_MS + " (" + maxBackoff.toMillis()
                    + ") must not be below " + RETRY_BACKOFF_MS + " (" + initialBackoff.toMillis() + ")");
        }
    }

    /** A registry at {@code url} without authentication and with default timeouts and retries. */
    public static RegistryConfig of(String url) {
        return new RegistryConfig(url, null, null, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_RETRIES,
                DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /**
     * Reads the registry settings from Kafka-style configuration, e.g. the map a serializer receives in
     * {@code configure}. Values may be strings or numbers, as Kafka passes the user's originals through unparsed.
     *
     * @throws IllegalArgumentException when {@value #URL} is missing or a value cannot be parsed
     */
    public static RegistryConfig fromProperties(Map<String, ?> props) {
        Objects.requireNonNull(props, "props");
        Object url = props.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("Missing required configuration '" + URL
                    + "' (e.g. http://localhost:8080/apis/ccompat/v7, or mock://<scope> in tests)");
        }
        return new RegistryConfig(
                url.toString(),
                stringOrNull(props.get(BASIC_AUTH_USER_INFO)),
                stringOrNull(props.get(BEARER_AUTH_TOKEN)),
                millis(props, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT),
                (int) number(props, MAX_RETRIES, DEFAULT_MAX_RETRIES),
                millis(props, RETRY_BACKOFF_MS, DEFAULT_INITIAL_BACKOFF),
                millis(props, RETRY_BACKOFF_MAX_MS, DEFAULT_MAX_BACKOFF));
    }

    public RegistryConfig withBasicAuth(String userInfo) {
        return new RegistryConfig(baseUrl, userInfo, null, requestTimeout, maxRetries, initialBackoff, maxBackoff);
    }

    public RegistryConfig withBearerToken(String token) {
        return new RegistryConfig(baseUrl, null, token, requestTimeout, maxRetries, initialBackoff, maxBackoff);
    }

    public RegistryConfig withRequestTimeout(Duration timeout) {
        return new RegistryConfig(baseUrl, basicAuthUserInfo, bearerToken, timeout, maxRetries, initialBackoff,
                maxBackoff);
    }

    public RegistryConfig withRetries(int retries, Duration initial, Duration max) {
        return new RegistryConfig(baseUrl, basicAuthUserInfo, bearerToken, requestTimeout, retries, initial, max);
    }

    /** Whether this points at a shared in-memory registry rather than a server. */
    public boolean isMock() {
        return baseUrl.startsWith(MOCK_PREFIX);
    }

    /** The scope name of a {@code mock://<scope>} URL. */
    public String mockScope() {
        if (!isMock()) {
            throw new IllegalStateException(baseUrl + " is not a " + MOCK_PREFIX + " URL");
        }
        return baseUrl.substring(MOCK_PREFIX.length());
    }

    /** Secrets are masked: configurations end up in logs and exception messages. */
    @Override
    public String toString() {
        return "RegistryConfig[baseUrl=" + baseUrl
                + ", auth=" + (basicAuthUserInfo != null ? "basic(" + user(basicAuthUserInfo) + ":***)"
                        : bearerToken != null ? "bearer(***)" : "none")
                + ", requestTimeout=" + requestTimeout
                + ", maxRetries=" + maxRetries
                + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + "]";
    }

    private static String normaliseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Missing required configuration '" + URL + "'");
        }
        String trimmed = url.trim();
        if (trimmed.contains(",")) {
            // Confluent accepts a fail-over list; we do not, and silently using the first entry would hide that.
            throw new IllegalArgumentException(URL + " must be a single URL, got '" + trimmed + "'");
        }
        if (trimmed.startsWith(MOCK_PREFIX)) {
            if (trimmed.length() == MOCK_PREFIX.length()) {
                throw new IllegalArgumentException(URL + " '" + trimmed + "' needs a scope name, e.g. mock://my-test");
            }
            return trimmed;
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL + " '" + trimmed + "' is not a valid URL", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    URL + " '" + trimmed + "' must be an http(s)://host[:port][/path] or mock://<scope> URL");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in the URL would leak into every log line and exception that names the URL.
            throw new IllegalArgumentException(URL + " must not contain credentials; use " + BASIC_AUTH_USER_INFO);
        }
        // Paths are appended as "/subjects/...", so a trailing slash would produce "//" that some servers reject.
        return trimmed.replaceAll("/+$", "");
    }

    private static String user(String userInfo) {
        return userInfo.substring(0, userInfo.indexOf(':'));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : blankToNull(value.toString());
    }

    private static Duration millis(Map<String, ?> props, String key, Duration fallback) {
        return props.containsKey(key) ? Duration.ofMillis(number(props, key, 0)) : fallback;
    }

    private static long number(Map<String, ?> props, String key, long fallback) {
        Object value = props.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Configuration '" + key + "' must be a whole number, got '"
                    + value + "'", e);
        }
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + d);
        }
    }

    private static void requireNotNegative(String key, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, got " + d);
        }
    }
}
