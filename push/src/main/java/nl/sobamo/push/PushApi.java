package nl.sobamo.push;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import nl.sobamo.push.api.PushApiException;
import nl.sobamo.push.api.PushApiRoutes;
import nl.sobamo.push.auth.PushKeyStore;
import nl.sobamo.push.auth.RateLimiter;
import nl.sobamo.push.filedrop.FileDropRoute;
import nl.sobamo.push.idempotency.ReceiptStore;
import nl.sobamo.push.validation.Municipalities;
import nl.sobamo.push.validation.PushValidator;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The running push API (and file drop, when {@link PushApiConfig#dropDir()} is set): its own CamelContext with an
 * embedded Vert.x HTTP server. Start it with {@link #start(PushApiConfig, MeterRegistry)}; close it to
 * stop the server, the routes and the Kafka producer.
 */
public final class PushApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushApiConfig config;
    private final CamelContext camel;
    private final VertxPlatformHttpServer server;
    private final Vertx vertx;
    private final PushKeyStore keys;
    private final ReceiptStore receipts;

    private PushApi(PushApiConfig config, CamelContext camel, VertxPlatformHttpServer server, Vertx vertx,
                    PushKeyStore keys, ReceiptStore receipts) {
        this.config = config;
        this.camel = camel;
        this.server = server;
        this.vertx = vertx;
        this.keys = keys;
        this.receipts = receipts;
    }

    /** Starts the API (and file drop); returns once the HTTP server listens. */
    /** Starts the API (and the file drop when configured) on the system clock; returns once it listens. */
    public static PushApi start(PushApiConfig config, MeterRegistry registry) {
        return start(config, registry, Clock.systemUTC());
    }

    public static PushApi start(PushApiConfig config, MeterRegistry registry, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(clock, "clock");
        Municipalities municipalities = Municipalities.bundled();
        PushKeyStore keys = new PushKeyStore(config.keysFile(), Duration.ofMillis(config.keysReloadMillis()),
                municipalities);
        ReceiptStore receipts = new ReceiptStore(config.receiptsFile(), Duration.ofHours(config.receiptsRetentionHours()),
                clock);
        PushValidator validator = new PushValidator(clock);
        PushService service = new PushService(config, keys, new RateLimiter(config.rateLimitPerMinute(),
                config.rateLimitBurst()), receipts, validator, municipalities, clock);
        PushMetrics metrics = new PushMetrics(registry);

        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("sobamo-push");
        camel.getPropertiesComponent().setOverrideProperties(config.toProperties());
        // our own Vert.x, found by the server in the registry: the server closes a Vert.x it was given, but not one
        // it created itself (camel-platform-http-vertx 4.22), which would leave event-loop threads behind
        Vertx vertx = Vertx.vertx();
        camel.getRegistry().bind("sobamoPushVertx", vertx);
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost(config.host());
        http.setBindPort(config.port());
        http.setMaxBodySize(config.maxBodyBytes());
        VertxPlatformHttpServer server = new VertxPlatformHttpServer(http);
        try {
            camel.addService(server);
            camel.addRoutes(new PushApiRoutes(service, metrics, config));
            if (config.dropDir().isPresent()) {
                camel.addRoutes(new FileDropRoute(config, validator, municipalities, metrics, clock));
            }
            camel.start();
            jsonErrorFor413(camel, config);
        } catch (Exception e) {
            camel.stop();
            vertx.close();
            receipts.close();
            throw new IllegalStateException("Cannot start the push API on " + config.host() + ":" + config.port(), e);
        }
        return new PushApi(config, camel, server, vertx, keys, receipts);
    }

    /** The body limit is enforced by Vert.x before Camel sees the request: give its 413 our JSON error body. */
    private static void jsonErrorFor413(CamelContext camel, PushApiConfig config) throws JsonProcessingException {
        PushApiException e = PushApiException.of(413, "payload-too-large", null, "max-body-bytes",
                "the body is larger than " + config.maxBodyBytes() + " bytes: split the batch");
        String body = JSON.writeValueAsString(e.toJson());
        VertxPlatformHttpRouter router = camel.getRegistry().findSingleByType(VertxPlatformHttpRouter.class);
        router.errorHandler(413, ctx -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close").end(body);
            }
        });
    }

    /** The port the server listens on (the actual one when configured with 0). */
    public int port() {
        return server.getPort();
    }

    /** {@code http://<host>:<port>}. */
    public String baseUrl() {
        return "http://" + ("0.0.0.0".equals(config.host()) ? "127.0.0.1" : config.host()) + ":" + port();
    }

    public PushApiConfig config() {
        return config;
    }

    public CamelContext camelContext() {
        return camel;
    }

    public PushKeyStore keys() {
        return keys;
    }

    /** Receipts remembered for Idempotency-Key replays. */
    public int receipts() {
        return receipts.size();
    }

    /** A summary for logs and the runner: where it listens, limits, key count (never keys). */
    public Map<String, Object> describe() {
        return Map.of("url", baseUrl(), "openapi", baseUrl() + "/api/v1/openapi.json", "keys", keys.size(),
                "dropDir", config.dropDir().map(Object::toString).orElse("(off)"));
    }

    @Override
    public void close() {
        try {
            camel.stop();
        } finally {
            vertx.close();
            receipts.close();
        }
    }
}
