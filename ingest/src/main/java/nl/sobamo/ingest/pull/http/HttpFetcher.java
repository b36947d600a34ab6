package nl.sobamo.ingest.pull.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.retry.RetryPolicy;
import nl.sobamo.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs a URL with the JDK {@link HttpClient}, retrying what is worth retrying: HTTP 429, 5xx, request timeouts and
 * connection errors, with the {@link RetryPolicy}'s bounded, jittered exponential back-off (see
 * docs/decisions/0007-opendata-http-client.md). Other statuses fail at once. Every fetch is timed as
 * {@code sobamo.ingest.fetch.duration} with tags {@code source} and {@code outcome}.
 */
public final class HttpFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);

    private final HttpClient client;
    private final Duration requestTimeout;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final IngestMetrics metrics;

    public HttpFetcher(HttpClient client, Duration requestTimeout, RetryPolicy policy, Sleeper sleeper,
                       IngestMetrics metrics) {
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** A fetcher with its own HTTP/1.1 client (CBS serves HTTP/1.1; h2c upgrade attempts only cost time). */
    public static HttpFetcher create(Duration connectTimeout, Duration requestTimeout, RetryPolicy policy,
                                     IngestMetrics metrics) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new HttpFetcher(client, requestTimeout, policy, Sleeper.REAL_TIME, metrics);
    }

    /** GET without conditions. */
    public Fetched get(URI uri, String source) {
        return get(uri, source, null);
    }

    /**
     * GET; with {@code ifNoneMatch} a 304 answer comes back as a {@link Fetched#notModified()} result.
     *
     * @throws FetchException when the resource cannot be had
     */
    public Fetched get(URI uri, String source, String ifNoneMatch) {
        long started = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET()
                .header("Accept", "application/json, text/csv;q=0.9, */*;q=0.5")
                .header("User-Agent", "sobamo-ingest");
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        HttpRequest built = request.build();
        for (int attempt = 1; ; attempt++) {
            int status = -1;
            Duration retryAfter = null;
            String problem;
            Throwable cause = null;
            try {
                HttpResponse<byte[]> response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                if (status == 200 || status == 304) {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                    metrics.fetchTimer(source, status == 304 ? "not-modified" : "ok").record(elapsed);
                    return new Fetched(uri, status, status == 304 ? new byte[0] : response.body(),
                            response.headers().firstValue("ETag").orElse(null),
                            response.headers().firstValue("Last-Modified").orElse(null), attempt, elapsed);
                }
                problem = "HTTP " + status;
                if (!retryable(status)) {
                    throw fail(uri, source, status, attempt, problem, null, started);
                }
                retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
            } catch (HttpTimeoutException e) {
                problem = "timed out after " + requestTimeout.toMillis() + " ms";
                cause = e;
            } catch (IOException e) {
                problem = "I/O error: " + e;
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail(uri, source, status, attempt, "interrupted", e, started);
            }
            if (!policy.mayRetry(attempt)) {
                throw fail(uri, source, status, attempt, problem, cause, started);
            }
            Duration delay = policy.delay(attempt, retryAfter, ThreadLocalRandom.current()::nextDouble);
            LOG.warn("{}: {} (attempt {} of {}), retrying in {} ms", uri, problem, attempt, policy.maxAttempts(),
                    delay.toMillis());
            metrics.fetchRetries(source).increment();
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail(uri, source, status, attempt, "interrupted during back-off", e, started);
            }
        }
    }

    private FetchException fail(URI uri, String source, int status, int attempts, String problem, Throwable cause,
                                long started) {
        metrics.fetchTimer(source, "failed").record(Duration.ofNanos(System.nanoTime() - started));
        return new FetchException(uri, status, attempts, problem, cause);
    }

    /** 429 Too Many Requests and every 5xx; 4xx otherwise means the request itself is wrong. */
    static boolean retryable(int status) {
        return status == 429 || status == 408 || status >= 500;
    }

    /** Retry-After in seconds (the HTTP-date form is ignored: the back-off applies then). */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }
}
