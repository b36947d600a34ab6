package nl.sobamo.deploy.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The few calls of the Confluent-compatible API ({@code /apis/ccompat/v7}) that the platform itself
 * needs: a readiness probe and the global compatibility level. Plain JDK HTTP, so the runner does not
 * depend on a registry client library.
 */
final class CcompatClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}, without trailing slash */
    CcompatClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                // The registry speaks HTTP/1.1; asking for h2c first only costs an upgrade round trip.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * True when {@code GET /subjects} answers 200. That endpoint needs the storage, so unlike a plain
     * port check it proves the registry can serve requests.
     */
    boolean isReady() throws InterruptedException {
        try {
            return send(request("/subjects").GET()).statusCode() == 200;
        } catch (IOException notYetListening) {
            return false;
        }
    }

    /** {@code PUT /config}: the compatibility level for subjects without their own. */
    void setGlobalCompatibility(String level) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("compatibility", level).toString();
        HttpResponse<String> response = send(request("/config")
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 200) {
            throw new IOException("PUT " + baseUrl + "/config answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** {@code GET /config}; the answer names the level {@code compatibilityLevel}, unlike the PUT body. */
    String globalCompatibility() throws IOException, InterruptedException {
        HttpResponse<String> response = send(request("/config").GET());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + baseUrl + "/config answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode level = JSON.readTree(response.body()).path("compatibilityLevel");
        if (!level.isTextual()) {
            throw new IOException("GET " + baseUrl + "/config gave no compatibilityLevel: " + response.body());
        }
        return level.asText();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", CONTENT_TYPE);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
