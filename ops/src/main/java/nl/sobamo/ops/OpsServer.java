package nl.sobamo.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A service's operations endpoint on the JDK HTTP server:
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus text format of the service's registry;</li>
 *   <li>{@code GET /health/live}: 200 while the process serves HTTP at all (the kubelet restarts it otherwise);</li>
 *   <li>{@code GET /health/ready}: 200 when every readiness check is up, 503 otherwise; the JSON body names each
 *       check: {@code {"status":"UP","checks":{"kafka":{"status":"UP","detail":"3 brokers"},...}}}.</li>
 * </ul>
 * Two handler threads, so a slow readiness check does not hold up a scrape.
 */
public final class OpsServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusMeterRegistry registry;
    private final List<HealthCheck> readiness = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor;

    /** Binds now (port 0 picks a free one); serve with {@link #start()}. */
    public OpsServer(OpsSettings settings, PrometheusMeterRegistry registry) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("the ops endpoint is off (" + OpsSettings.PORT + "=-1)");
        }
        this.registry = Objects.requireNonNull(registry, "registry");
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ops port " + settings.host() + ":" + settings.port(), e);
        }
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sobamo-ops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", get(this::metrics));
        server.createContext("/health/live", get(e -> respond(e, 200, "application/json", "{\"status\":\"UP\"}")));
        server.createContext("/health/ready", get(this::ready));
    }

    /** Adds a readiness check; checks may be added after start (e.g. once the Streams client exists). */
    public OpsServer readiness(HealthCheck check) {
        readiness.add(Objects.requireNonNull(check, "check"));
        return this;
    }

    public OpsServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL on the loopback interface, for tests and log lines. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The readiness verdict and body, as {@code /health/ready} answers it. */
    public Readiness readiness() {
        ObjectNode checks = JSON.createObjectNode();
        boolean up = true;
        for (HealthCheck check : readiness) {
            HealthCheck.Result r = HealthCheck.safely(check);
            up &= r.up();
            checks.putObject(check.name()).put("status", r.up() ? "UP" : "DOWN").put("detail", r.detail());
        }
        ObjectNode body = JSON.createObjectNode().put("status", up ? "UP" : "DOWN");
        body.set("checks", checks);
        return new Readiness(up, body.toString());
    }

    /** @param json {@code {"status":"UP|DOWN","checks":{...}}} */
    public record Readiness(boolean up, String json) {
    }

    private void metrics(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    }

    private void ready(HttpExchange exchange) throws IOException {
        Readiness r = readiness();
        respond(exchange, r.up() ? 200 : 503, "application/json", r.json());
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static com.sun.net.httpserver.HttpHandler get(Handler handler) {
        return exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                handler.handle(exchange);
            }
        };
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
