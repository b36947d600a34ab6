package nl.sobamo.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import nl.sobamo.retry.RetryPolicy;
import nl.sobamo.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends registry requests with authentication, the registry's media type, and retries for failures that may go
 * away on their own. Everything above HTTP (paths, JSON, error mapping) is the caller's business.
 */
final class RegistryHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    // The order of preference Confluent's own client sends; Apicurio's ccompat API understands all three.
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

    /** A response that is final: success, or an error that retrying would not change. */
    record Response(int status, String body, String method, URI uri) {

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private final RegistryConfig config;
    private final HttpClient client;
    private final String authorization;
    private final Sleeper sleeper;

    RegistryHttp(RegistryConfig config, Sleeper sleeper) {
        this.config = config;
        this.sleeper = sleeper;
        this.authorization = authorizationHeader(config);
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                // HTTP/2 over cleartext would start every connection with an h2c upgrade, which some proxies in
                // front of registries mishandle; registry traffic is tiny and cached, so HTTP/1.1 costs nothing.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Sends the request, retrying on 5xx, 429, timeouts and connection failures. Retrying a POST is safe here:
     * registering or looking up the same schema again yields the same id.
     *
     * @param jsonBody    request body, or null for none
     * @param description what the request is for, e.g. "register schema under subject 'x'", for error messages
     * @throws RegistryUnavailableException when the retries are used up or the thread is interrupted
     */
    Response send(String method, String path, String jsonBody, String description) {
        URI uri = URI.create(config.baseUrl() + path);
        HttpRequest request = buildRequest(method, uri, jsonBody);
        int maxAttempts = config.maxRetries() + 1;
        RetryPolicy policy = new RetryPolicy(maxAttempts, config.initialBackoff(), config.maxBackoff(), 2.0);
        for (int attempt = 1; ; attempt++) {
            String problem;
            int lastStatus = SchemaRegistryException.UNKNOWN;
            IOException ioFailure = null;
            try {
                HttpResponse<String> response =
                        client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (!isTransient(response.statusCode())) {
                    return new Response(response.statusCode(), response.body(), method, uri);
                }
                lastStatus = response.statusCode();
                problem = "HTTP " + lastStatus + " " + abbreviate(response.body());
            } catch (IOException e) {
                ioFailure = e;
                problem = describe(e);
            } catch (InterruptedException e) {
                throw interrupted(method, uri, description, attempt, e);
            }
            if (attempt >= maxAttempts) {
                throw new RegistryUnavailableException(String.format(
                        "Schema registry unavailable: %s failed after %d attempt%s [%s %s]; last error: %s",
                        description, attempt, attempt == 1 ? "" : "s", method, uri, problem),
                        attempt, lastStatus, ioFailure);
            }
            Duration delay = policy.delay(attempt, null, ThreadLocalRandom.current()::nextDouble);
            LOG.warn("Schema registry call {} {} ({}) failed: {}; retry {}/{} in {} ms", method, uri, description,
                    problem, attempt, config.maxRetries(), delay.toMillis());
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                throw interrupted(method, uri, description, attempt, e);
            }
        }
    }

    private HttpRequest buildRequest(String method, URI uri, String jsonBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", ACCEPT)
                .method(method, jsonBody == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            builder.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private static boolean isTransient(int status) {
        return status >= 500 || status == 429;
    }

    private static RegistryUnavailableException interrupted(String method, URI uri, String description, int attempt,
                                                            InterruptedException e) {
        // Keep the flag so the caller's thread (e.g. a Kafka Streams thread shutting down) still sees it.
        Thread.currentThread().interrupt();
        return new RegistryUnavailableException("Interrupted while trying to " + description + " [" + method + " "
                + uri + "]", attempt, SchemaRegistryException.UNKNOWN, e);
    }

    private static String authorizationHeader(RegistryConfig config) {
        if (config.basicAuthUserInfo() != null) {
            return "Basic " + Base64.getEncoder()
                    .encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
        }
        if (config.bearerToken() != null) {
            return "Bearer " + config.bearerToken();
        }
        return null;
    }

    /**
     * The JDK client reports a refused connection as a message-less ConnectException wrapping a
     * ClosedChannelException, so the whole cause chain is needed to say what went wrong.
     */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(", caused by ");
            }
            text.append(t.getClass().getName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        return text.toString();
    }

    /** Keeps messages readable when a proxy answers with a whole HTML page. */
    static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
