package nl.sobamo.push;

import static nl.sobamo.config.SettingValues.require;
import static nl.sobamo.config.SettingValues.requireText;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import nl.sobamo.config.ConnectionSettings;
import nl.sobamo.config.SettingValues;
import nl.sobamo.config.Settings;
import nl.sobamo.topics.Topics;

/**
 * Typed settings of the municipal push API and file drop. Same lookup order and names as {@code IngestConfig}:
 * explicit overrides, JVM system properties, environment variables ({@code sobamo.push.port} is read as
 * {@code SOBAMO_PUSH_PORT}), the file named by {@code sobamo.config.file}, then the default. The Kafka settings
 * share IngestConfig's keys. {@link #toProperties()} gives the Camel properties the routes read as
 * {@code {{placeholders}}}.
 *
 * @param host                   bind address ({@value #HOST}, default 127.0.0.1: put a TLS-terminating proxy in front)
 * @param port                   HTTP port ({@value #PORT}); 0 picks a free port
 * @param maxBodyBytes           larger request bodies are answered 413 ({@value #MAX_BODY_BYTES})
 * @param maxBatchRecords        more records in one request are answered 413 ({@value #MAX_BATCH_RECORDS}); also the
 *                               most rows of one dropped file
 * @param rateLimitPerMinute     sustained requests per minute per key ({@value #RATE_LIMIT_PER_MINUTE})
 * @param rateLimitBurst         requests a key may make at once ({@value #RATE_LIMIT_BURST})
 * @param authFailuresPerMinute  sustained failed authentications (401, 403) per minute per client address before
 *                               it is answered 429 ({@value #AUTH_FAILURES_PER_MINUTE}); against key guessing
 * @param authFailuresBurst      failed authentications a client address may have at once ({@value #AUTH_FAILURES_BURST})
 * @param keysFile               hashed keys ({@value #KEYS_FILE})
 * @param keysReloadMillis       how often a request may re-read a changed key file ({@value #KEYS_RELOAD_MILLIS})
 * @param receiptsFile           idempotency receipts, JSON lines ({@value #RECEIPTS_FILE})
 * @param receiptsRetentionHours how long a receipt answers retries ({@value #RECEIPTS_RETENTION_HOURS})
 * @param deliveryTimeoutMillis  Kafka {@code delivery.timeout.ms}: the longest a request waits for the acks before
 *                               503 ({@value #DELIVERY_TIMEOUT_MILLIS})
 * @param requestTimeoutMillis   Kafka {@code request.timeout.ms} ({@value #REQUEST_TIMEOUT_MILLIS})
 * @param maxBlockMillis         Kafka {@code max.block.ms}: the longest a send waits for metadata ({@value #MAX_BLOCK_MILLIS})
 * @param dropDir                file drop root with one directory per municipality; empty = no file drop ({@value #DROP_DIR})
 * @param dropPollMillis         how often the drop directories are scanned ({@value #DROP_POLL_MILLIS})
 * @param dropReadLockMillis     a file must stay unchanged this long before it is read ({@value #DROP_READ_LOCK_MILLIS})
 */
public record PushApiConfig(
        String bootstrapServers,
        String registryUrl,
        String valueSerializer,
        String host,
        int port,
        long maxBodyBytes,
        int maxBatchRecords,
        int rateLimitPerMinute,
        int rateLimitBurst,
        int authFailuresPerMinute,
        int authFailuresBurst,
        Path keysFile,
        long keysReloadMillis,
        Path receiptsFile,
        long receiptsRetentionHours,
        int deliveryTimeoutMillis,
        int requestTimeoutMillis,
        int maxBlockMillis,
        Optional<Path> dropDir,
        long dropPollMillis,
        long dropReadLockMillis) {

    public static final String HOST = "sobamo.push.host";
    public static final String PORT = "sobamo.push.port";
    public static final String MAX_BODY_BYTES = "sobamo.push.max-body-bytes";
    public static final String MAX_BATCH_RECORDS = "sobamo.push.max-batch-records";
    public static final String RATE_LIMIT_PER_MINUTE = "sobamo.push.rate-limit.per-minute";
    public static final String RATE_LIMIT_BURST = "sobamo.push.rate-limit.burst";
    public static final String AUTH_FAILURES_PER_MINUTE = "sobamo.push.auth-failures.per-minute";
    public static final String AUTH_FAILURES_BURST = "sobamo.push.auth-failures.burst";
    public static final String KEYS_FILE = "sobamo.push.keys-file";
    public static final String KEYS_RELOAD_MILLIS = "sobamo.push.keys-reload-ms";
    public static final String RECEIPTS_FILE = "sobamo.push.receipts-file";
    public static final String RECEIPTS_RETENTION_HOURS = "sobamo.push.receipts-retention-hours";
    public static final String DELIVERY_TIMEOUT_MILLIS = "sobamo.push.kafka.delivery-timeout-ms";
    public static final String REQUEST_TIMEOUT_MILLIS = "sobamo.push.kafka.request-timeout-ms";
    public static final String MAX_BLOCK_MILLIS = "sobamo.push.kafka.max-block-ms";
    public static final String DROP_DIR = "sobamo.push.drop-dir";
    public static final String DROP_POLL_MILLIS = "sobamo.push.drop-poll-ms";
    public static final String DROP_READ_LOCK_MILLIS = "sobamo.push.drop-read-lock-ms";

    /** Camel-only property: the raw push topic from {@link Topics}. */
    public static final String TOPIC_RAW_PUSH = "sobamo.topic.raw-push";

    public PushApiConfig {
        ConnectionSettings.requireAll(bootstrapServers, registryUrl, valueSerializer);
        requireText(HOST, host);
        require(port >= 0 && port <= 65535, PORT, "must be 0..65535");
        require(maxBodyBytes >= 1024, MAX_BODY_BYTES, "must be at least 1024");
        require(maxBatchRecords >= 1, MAX_BATCH_RECORDS, "must be at least 1");
        require(rateLimitPerMinute >= 1, RATE_LIMIT_PER_MINUTE, "must be at least 1");
        require(rateLimitBurst >= 1, RATE_LIMIT_BURST, "must be at least 1");
        require(authFailuresPerMinute >= 1, AUTH_FAILURES_PER_MINUTE, "must be at least 1");
        require(authFailuresBurst >= 1, AUTH_FAILURES_BURST, "must be at least 1");
        require(keysFile != null, KEYS_FILE, "must be set");
        require(keysReloadMillis >= 0, KEYS_RELOAD_MILLIS, "must not be negative");
        require(receiptsFile != null, RECEIPTS_FILE, "must be set");
        require(receiptsRetentionHours >= 1, RECEIPTS_RETENTION_HOURS, "must be at least 1");
        require(requestTimeoutMillis >= 100, REQUEST_TIMEOUT_MILLIS, "must be at least 100");
        // Kafka refuses delivery.timeout.ms < linger.ms + request.timeout.ms
        require(deliveryTimeoutMillis >= requestTimeoutMillis + 5, DELIVERY_TIMEOUT_MILLIS,
                "must be at least " + REQUEST_TIMEOUT_MILLIS + " + 5 (linger.ms)");
        require(maxBlockMillis >= 100, MAX_BLOCK_MILLIS, "must be at least 100");
        dropDir = dropDir == null ? Optional.empty() : dropDir;
        require(dropPollMillis >= 10, DROP_POLL_MILLIS, "must be at least 10");
        require(dropReadLockMillis >= 10, DROP_READ_LOCK_MILLIS, "must be at least 10");
    }

    /** Settings from the process environment (system properties, env vars, config file). */
    public static PushApiConfig load() {
        return load(new Properties());
    }

    /** Settings from the process environment, {@code overrides} first. */
    public static PushApiConfig load(Properties overrides) {
        return resolve(Settings.load(overrides));
    }

    /** Only the given values and the defaults (tests, embedding). */
    public static PushApiConfig from(Map<String, String> values) {
        return resolve(Settings.of(values));
    }

    private static PushApiConfig resolve(Settings in) {
        String drop = in.get(DROP_DIR).orElse(null);
        return new PushApiConfig(
                ConnectionSettings.bootstrapServers(in),
                ConnectionSettings.registryUrl(in),
                ConnectionSettings.valueSerializer(in),
                in.string(HOST, "127.0.0.1"),
                (int) number(in, PORT, 8095),
                number(in, MAX_BODY_BYTES, 1_048_576),
                (int) number(in, MAX_BATCH_RECORDS, 1_000),
                (int) number(in, RATE_LIMIT_PER_MINUTE, 120),
                (int) number(in, RATE_LIMIT_BURST, 20),
                (int) number(in, AUTH_FAILURES_PER_MINUTE, 10),
                (int) number(in, AUTH_FAILURES_BURST, 20),
                Path.of(in.string(KEYS_FILE, "push-keys.txt")),
                number(in, KEYS_RELOAD_MILLIS, 2_000),
                Path.of(in.string(RECEIPTS_FILE, "push-receipts.jsonl")),
                number(in, RECEIPTS_RETENTION_HOURS, 168),
                (int) number(in, DELIVERY_TIMEOUT_MILLIS, 5_000),
                (int) number(in, REQUEST_TIMEOUT_MILLIS, 2_000),
                (int) number(in, MAX_BLOCK_MILLIS, 2_000),
                drop == null ? Optional.empty() : Optional.of(Path.of(drop)),
                number(in, DROP_POLL_MILLIS, 1_000),
                number(in, DROP_READ_LOCK_MILLIS, 1_000));
    }

    /** A copy listening on another port (e.g. 0 for a free one). */
    public PushApiConfig withPort(int newPort) {
        return new PushApiConfig(bootstrapServers, registryUrl, valueSerializer, host, newPort, maxBodyBytes,
                maxBatchRecords, rateLimitPerMinute, rateLimitBurst, authFailuresPerMinute, authFailuresBurst, keysFile, keysReloadMillis, receiptsFile,
                receiptsRetentionHours, deliveryTimeoutMillis, requestTimeoutMillis, maxBlockMillis, dropDir,
                dropPollMillis, dropReadLockMillis);
    }

    /** The settings under the keys the routes use as {@code {{placeholders}}}. */
    public Properties toProperties() {
        Properties p = new Properties();
        ConnectionSettings.putAll(p, bootstrapServers, registryUrl, valueSerializer);
        p.setProperty(HOST, host);
        p.setProperty(PORT, Integer.toString(port));
        p.setProperty(MAX_BODY_BYTES, Long.toString(maxBodyBytes));
        p.setProperty(MAX_BATCH_RECORDS, Integer.toString(maxBatchRecords));
        p.setProperty(RATE_LIMIT_PER_MINUTE, Integer.toString(rateLimitPerMinute));
        p.setProperty(RATE_LIMIT_BURST, Integer.toString(rateLimitBurst));
        p.setProperty(AUTH_FAILURES_PER_MINUTE, Integer.toString(authFailuresPerMinute));
        p.setProperty(AUTH_FAILURES_BURST, Integer.toString(authFailuresBurst));
        p.setProperty(KEYS_FILE, keysFile.toString());
        p.setProperty(KEYS_RELOAD_MILLIS, Long.toString(keysReloadMillis));
        p.setProperty(RECEIPTS_FILE, receiptsFile.toString());
        p.setProperty(RECEIPTS_RETENTION_HOURS, Long.toString(receiptsRetentionHours));
        p.setProperty(DELIVERY_TIMEOUT_MILLIS, Integer.toString(deliveryTimeoutMillis));
        p.setProperty(REQUEST_TIMEOUT_MILLIS, Integer.toString(requestTimeoutMillis));
        p.setProperty(MAX_BLOCK_MILLIS, Integer.toString(maxBlockMillis));
        dropDir.ifPresent(d -> p.setProperty(DROP_DIR, d.toString()));
        p.setProperty(DROP_POLL_MILLIS, Long.toString(dropPollMillis));
        p.setProperty(DROP_READ_LOCK_MILLIS, Long.toString(dropReadLockMillis));
        p.setProperty(TOPIC_RAW_PUSH, Topics.RAW_PUSH);
        return p;
    }

    private static long number(Settings in, String key, long defaultValue) {
        return in.get(key).map(value -> SettingValues.wholeNumber(key, value)).orElse(defaultValue);
    }
}
