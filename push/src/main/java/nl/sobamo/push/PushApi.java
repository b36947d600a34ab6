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
                config.rateLimitBurst()), new RateLimiter(config.authFailuresPerMinute(), config.authFailuresBurst()),
                receipts, validator, municipalities, clock);
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
            serverErrors(camel, config, metrics);
        } catch (Exception e) {
            camel.stop();
            vertx.close();
            receipts.close();
            throw new IllegalStateException("Cannot start the push API on " + config.host() + ":" + config.port(), e);
        }
        return new PushApi(config, camel, server, vertx, keys, receipts);
    }

    /**
     * Answers Vert.x gives before Camel sees the request, as our JSON errors and counted: 413 (the body limit is
     * enforced by Vert.x), 405 (with the methods the path takes in {@code Allow}: the router's own answer had an
     * empty one) and 404 for paths the API does not have. 414 and 431 are answered by the HTTP codec itself, before
     * any handler: they cannot be counted here.
     */
    private static void serverErrors(CamelContext camel, PushApiConfig config, PushMetrics metrics)
            throws JsonProcessingException {
        String tooLarge = JSON.writeValueAsString(PushApiException.of(413, "payload-too-large", null, "max-body-bytes",
                "the body is larger than " + config.maxBodyBytes() + " bytes: split the batch").toJson());
        String notFound = JSON.writeValueAsString(PushApiException.of(404, "not-found", null, "unknown-path",
                "no such resource; see /api/v1/openapi.json").toJson());
        VertxPlatformHttpRouter router = camel.getRegistry().findSingleByType(VertxPlatformHttpRouter.class);
        router.errorHandler(413, ctx -> {
            metrics.serverRejected(413);
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close").end(tooLarge);
            }
        });
        router.errorHandler(405, ctx -> {
            metrics.serverRejected(405);
            String allow = allowedMethods(ctx.request().path());
            if (!ctx.response().ended()) {
                String body = json(PushApiException.of(405, "method-not-allowed", null, "method-not-allowed",
                        "this path takes " + allow).toJson());
                ctx.response().setStatusCode(405).putHeader("Allow", allow)
                        .putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                        .end(body);
            }
        });
        router.errorHandler(404, ctx -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store").end(notFound);
            }
        });
    }

    /** The methods of the API's paths (the REST DSL in {@link PushApiRoutes}). */
    static String allowedMethods(String path) {
        return path != null && path.startsWith("/api/v1/municipalities/") ? "POST, PUT" : "GET";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
