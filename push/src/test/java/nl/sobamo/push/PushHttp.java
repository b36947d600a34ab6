package nl.sobamo.push;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.sobamo.push.auth.ApiKeys;
import nl.sobamo.push.auth.PushKeyTool;

/** Test client of the push API over real HTTP. */
public final class PushHttp {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public PushHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Issues a key for the municipality into the key file; returns the token. */
    public static String issueKey(Path keysFile, String municipality) throws Exception {
        ApiKeys.NewKey key = ApiKeys.generate();
        PushKeyTool.append(keysFile, PushKeyTool.line(key.keyId(), municipality, key.hash()));
        return key.token();
    }

    public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        b.header("Content-Type", "application/json");
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> push(String method, String municipality, String dataset, String token, String body,
                                     String idempotencyKey) throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return send(method, "/api/v1/municipalities/" + municipality + "/" + dataset, body, headers);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
