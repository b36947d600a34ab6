package nl.sobamo.aggregate.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate query API on the JDK HTTP server: JSON by default, CSV with {@code format=csv}, an
 * {@code Accept: text/csv} header or a {@code .csv} suffix; the static profile page under {@code /web/}.
 * Endpoints are listed in docs/query-api.md.
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile QueryService service;
    private volatile Supplier<String> health = () -> "UNKNOWN";

    /** Binds now (port 0 picks a free one) so the address can go into {@code application.server}; serve later. */
    public QueryServer(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "aggregate-query-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public QueryServer start(QueryService queryService, Supplier<String> healthState) {
        this.service = queryService;
        this.health = healthState;
        server.start();
        LOG.info("aggregate query API on {}", baseUrl());
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/json", Json.write(Map.of("error", "only GET")));
                return;
            }
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            Map<String, String> query = query(uri.getRawQuery());
            if (path.equals("/")) {
                exchange.getResponseHeaders().add("Location", "/web/profile.html");
                send(exchange, 302, "text/plain", "");
            } else if (path.startsWith("/web/")) {
                staticFile(exchange, path.substring("/web/".length()));
            } else if (path.equals("/health")) {
                String state = health.get();
                send(exchange, "RUNNING".equals(state) ? 200 : 503, "application/json", Json.write(Map.of("status", state)));
            } else if (path.startsWith("/api/v1/")) {
                api(exchange, path.substring("/api/v1/".length()), query);
            } else {
                send(exchange, 404, "application/json", Json.write(Map.of("error", "no such path: " + path)));
            }
        } catch (RuntimeException e) {
            LOG.warn("query failed: {}", exchange.getRequestURI(), e);
        }
    }

    private void api(HttpExchange exchange, String rest, Map<String, String> query) throws IOException {
        boolean csv = "csv".equalsIgnoreCase(query.get("format")) || rest.endsWith(".csv")
                || Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept")).orElse("").startsWith("text/csv");
        rest = rest.replaceFirst("\\.(csv|json)$", "");
        boolean localOnly = "true".equals(query.get("local"));
        try {
            List<String> p = Arrays.stream(rest.split("/")).map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
            p.forEach(QueryServer::checkSegment);
            Object body;
            if (p.size() == 3 && p.get(0).equals("municipalities") && p.get(2).equals("profile")) {
                body = service.profile(p.get(1), query.get("period"));
            } else if (p.size() == 3 && p.get(0).equals("municipalities") && p.get(2).equals("rows")) {
                Map<String, Object> all = service.municipalityRows(p.get(1), localOnly);
                body = csv ? all.get("rows") : all;
            } else if (p.size() == 3 && p.get(0).equals("municipalities") && p.get(2).equals("changes")) {
                body = service.municipalityRows(p.get(1), localOnly).get("changes");
            } else if (p.size() == 4 && p.get(0).equals("indicators") && p.get(2).equals("periods")) {
                body = service.indicator(p.get(1), p.get(3), localOnly);
            } else if (p.size() == 6 && p.get(0).equals("indicators") && p.get(2).equals("periods")
                    && p.get(4).equals("municipalities")) {
                body = service.position(p.get(1), p.get(3), p.get(5), localOnly);
            } else if (p.size() == 4 && p.get(0).equals("benchmarks") && p.get(2).equals("periods")) {
                body = service.benchmarks(p.get(1), p.get(3), localOnly);
            } else if (p.size() == 2 && p.get(0).equals("export")) {
                body = service.table(p.get(1), localOnly);
                if (csv) {
                    exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"" + p.get(1) + ".csv\"");
                }
            } else if (p.size() == 1 && p.get(0).equals("freshness")) {
                body = service.table("freshness", localOnly);
            } else {
                send(exchange, 404, "application/json", Json.write(Map.of("error", "no such endpoint: /api/v1/" + rest)));
                return;
            }
            if (csv) {
                if (!(body instanceof List<?>)) {
                    send(exchange, 406, "application/json", Json.write(Map.of("error", "this resource has no CSV form")));
                    return;
                }
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rows = (List<Map<String, Object>>) body;
                send(exchange, 200, "text/csv; charset=utf-8", Csv.of(rows));
            } else {
                send(exchange, 200, "application/json", Json.write(body));
            }
        } catch (QueryService.NotFoundException e) {
            send(exchange, 404, "application/json", Json.write(Map.of("error", e.getMessage())));
        } catch (IllegalArgumentException e) {
            send(exchange, 400, "application/json", Json.write(Map.of("error", e.getMessage())));
        } catch (StreamsRouting.UnavailableException | InvalidStateStoreException e) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            send(exchange, 503, "application/json", Json.write(Map.of("error", String.valueOf(e.getMessage()))));
        } catch (RuntimeException e) {
            LOG.warn("query {} failed", rest, e);
            send(exchange, 500, "application/json", Json.write(Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    private static void checkSegment(String s) {
        if (s.contains("|") || s.length() > 200) {
            throw new IllegalArgumentException("invalid path segment");
        }
    }

    private void staticFile(HttpExchange exchange, String name) throws IOException {
        if (!name.matches("[a-z0-9-]+\\.(html|js|css|svg)")) {
            send(exchange, 404, "text/plain", "not found");
            return;
        }
        try (InputStream in = QueryServer.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                send(exchange, 404, "text/plain", "not found");
                return;
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            sendBytes(exchange, 200, CONTENT_TYPES.get(ext), in.readAllBytes());
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> map = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return map;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.put(k, v);
        }
        return map;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        sendBytes(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
