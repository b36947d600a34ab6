package nl.sobamo.deploy.process;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The ops endpoint ({@code GET /health/ready} on {@code SOBAMO_OPS_PORT}) where a service has one; empty when nothing
 * answers there, so callers fall back to another readiness signal (consumer-group state, the push API's /health).
 */
public final class ServiceHealth {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceHealth() {
    }

    /** 200 from {@code url}: true; another status: false; no answer: empty. */
    public static Optional<Boolean> ok(String url) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return Optional.of(r.statusCode() == 200);
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public static Optional<Boolean> ready(int opsPort) {
        return ok("http://127.0.0.1:" + opsPort + "/health/ready");
    }
}
