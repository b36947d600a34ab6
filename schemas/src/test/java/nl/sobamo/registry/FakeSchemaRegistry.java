package nl.sobamo.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;

/**
 * A Confluent-dialect schema registry over real HTTP, written independently of the client so the client is
 * tested against the protocol rather than against itself. Supports scripted faults and records every request.
 */
public final class FakeSchemaRegistry implements AutoCloseable {

    /** One request as the server saw it; {@code rawPath} is still percent-encoded. */
    public record RecordedRequest(String method, String rawPath, String authorization, String contentType,
                                  String accept, String body) {
    }

    private record ScriptedResponse(int status, String body, boolean stall) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch releaseStalled = new CountDownLatch(1);

    // guarded by this
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Deque<ScriptedResponse> script = new ArrayDeque<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
    private final Map<String, String> subjectLevels = new HashMap<>();
    private String globalLevel = "BACKWARD";
    private String configResponseKey = "compatibilityLevel";
    private String requiredAuthorization;
    private boolean compatible = true;
    private int nextId = 1;

    private FakeSchemaRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Several threads, so a deliberately stalled request does not block the ones after it.
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeSchemaRegistry start() {
        try {
            return new FakeSchemaRegistry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Fast retries so fault-injection tests finish in milliseconds. */
    public RegistryConfig config() {
        return RegistryConfig.of(url()).withRetries(3, Duration.ofMillis(1), Duration.ofMillis(2));
    }

    /** Kafka-style configuration pointing at this registry with fast retries. */
    public Map<String, Object> clientProperties() {
        return Map.of(
                RegistryConfig.URL, url(),
                RegistryConfig.MAX_RETRIES, 3,
                RegistryConfig.RETRY_BACKOFF_MS, "1",
                RegistryConfig.RETRY_BACKOFF_MAX_MS, "2");
    }

    /** A URL on which nothing listens, so connections are refused. */
    public static String closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- fault injection and set-up

    /** The next {@code times} requests get {@code status} with a Confluent error body. */
    public synchronized void failNext(int times, int status) {
        for (int i = 0; i < times; i++) {
            script.add(new ScriptedResponse(status, errorBody(status * 100, "injected failure " + (i + 1)), false));
        }
    }

    /** The next request gets exactly this error. */
    public synchronized void respondNext(int status, int errorCode, String message) {
        script.add(new ScriptedResponse(status, errorBody(errorCode, message), false));
    }

    /** The next request gets this raw body, e.g. a proxy's HTML page. */
    public synchronized void respondNextRaw(int status, String body) {
        script.add(new ScriptedResponse(status, body, false));
    }

    /** The next {@code times} requests hang until the registry is closed, so the client times out. */
    public synchronized void stallNext(int times) {
        for (int i = 0; i < times; i++) {
            script.add(new ScriptedResponse(0, "", true));
        }
    }

    /** Requests without exactly this Authorization header get 401. */
    public synchronized void requireAuthorization(String headerValue) {
        this.requiredAuthorization = headerValue;
    }

    public synchronized void setNextId(int id) {
        this.nextId = id;
    }

    /** Verdict of the compatibility endpoint for subjects that have versions. */
    public synchronized void setCompatible(boolean compatible) {
        this.compatible = compatible;
    }

    /** Which field GET /config answers with: Confluent's "compatibilityLevel" or "compatibility". */
    public synchronized void setConfigResponseKey(String key) {
        this.configResponseKey = key;
    }

    // ---- observation

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized int requestCount() {
        return requests.size();
    }

    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    public synchronized Schema schema(int id) {
        return schemasById.get(id);
    }

    @Override
    public void close() {
        releaseStalled.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- protocol

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Accept"), body);
            ScriptedResponse response = respond(request);
            if (response.stall()) {
                awaitRelease();
                return;
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void awaitRelease() {
        try {
            releaseStalled.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized ScriptedResponse respond(RecordedRequest request) {
        requests.add(request);
        if (requiredAuthorization != null && !requiredAuthorization.equals(request.authorization())) {
            return new ScriptedResponse(401, errorBody(40101, "Unauthorized"), false);
        }
        if (!script.isEmpty()) {
            return script.poll();
        }
        try {
            return route(request);
        } catch (RuntimeException e) {
            return new ScriptedResponse(500, errorBody(50001, e.toString()), false);
        }
    }

    private ScriptedResponse route(RecordedRequest request) {
        List<String> path = segments(request.rawPath());
        String method = request.method();
        if (method.equals("POST") && path.size() == 3 && path.get(0).equals("subjects")
                && path.get(2).equals("versions")) {
            return register(path.get(1), schemaOf(request));
        }
        if (method.equals("POST") && path.size() == 2 && path.get(0).equals("subjects")) {
            return lookup(path.get(1), schemaOf(request));
        }
        if (method.equals("GET") && path.size() == 3 && path.get(0).equals("schemas") && path.get(1).equals("ids")) {
            Schema schema = schemasById.get(Integer.parseInt(path.get(2)));
            return schema == null ? notFound(40403, "Schema " + path.get(2) + " not found")
                    : ok(JSON.createObjectNode().put("schema", schema.toString()));
        }
        if (method.equals("GET") && path.size() == 4 && path.get(0).equals("subjects")
                && path.get(2).equals("versions") && path.get(3).equals("latest")) {
            List<Integer> versions = versionsBySubject.get(path.get(1));
            return versions == null ? notFound(40401, "Subject '" + path.get(1) + "' not found.")
                    : ok(version(path.get(1), versions.size()));
        }
        if (method.equals("POST") && path.size() == 5 && path.get(0).equals("compatibility")
                && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
            schemaOf(request);
            return versionsBySubject.containsKey(path.get(2))
                    ? ok(JSON.createObjectNode().put("is_compatible", compatible))
                    : notFound(40401, "Subject '" + path.get(2) + "' not found.");
        }
        if (path.size() >= 1 && path.size() <= 2 && path.get(0).equals("config")) {
            return config(method, path.size() == 2 ? path.get(1) : null, request.body());
        }
        return notFound(404, "HTTP 404 Not Found");
    }

    private ScriptedResponse register(String subject, Schema schema) {
        int id = idsBySchema.computeIfAbsent(schema, s -> nextId++);
        schemasById.put(id, schema);
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return ok(JSON.createObjectNode().put("id", id));
    }

    private ScriptedResponse lookup(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            return notFound(40401, "Subject '" + subject + "' not found.");
        }
        Integer id = idsBySchema.get(schema);
        if (id == null || !versions.contains(id)) {
            return notFound(40403, "Schema not found");
        }
        return ok(version(subject, versions.indexOf(id) + 1));
    }

    private ScriptedResponse config(String method, String subject, String body) {
        if (method.equals("PUT")) {
            String level = readJson(body).path("compatibility").asText();
            if (subject == null) {
                globalLevel = level;
            } else {
                subjectLevels.put(subject, level);
            }
            return ok(JSON.createObjectNode().put("compatibility", level));
        }
        String level = subject == null ? globalLevel : subjectLevels.get(subject);
        return level == null
                ? notFound(40408, "Subject '" + subject + "' does not have subject-level compatibility configured")
                : ok(JSON.createObjectNode().put(configResponseKey, level));
    }

    private ObjectNode version(String subject, int version) {
        int id = versionsBySubject.get(subject).get(version - 1);
        return JSON.createObjectNode().put("subject", subject).put("id", id).put("version", version)
                .put("schema", schemasById.get(id).toString());
    }

    private static Schema schemaOf(RecordedRequest request) {
        return new Schema.Parser().parse(readJson(request.body()).path("schema").asText());
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                // In a path '+' is a literal plus, not a space as URLDecoder assumes.
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static ScriptedResponse ok(JsonNode body) {
        return new ScriptedResponse(200, body.toString(), false);
    }

    private static ScriptedResponse notFound(int errorCode, String message) {
        return new ScriptedResponse(404, errorBody(errorCode, message), false);
    }

    private static String errorBody(int errorCode, String message) {
        return JSON.createObjectNode().put("error_code", errorCode).put("message", message).toString();
    }
}
