package nl.sobamo.ingest.pull.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.fixtures.FixtureServer;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.retry.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fetcher against the fixture server, its back-off observed through the sleeper seam (nothing waits). */
class HttpFetcherTest {

    static FixtureServer server;
    static final String KEY = "opendata.cbs.nl/ODataApi/odata/85984NED/TableInfos";
    final List<Duration> sleeps = new ArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // a timeout no healthy local response reaches even on a loaded machine: the attempt counts below are exact
    final HttpFetcher fetcher = new HttpFetcher(HttpClient.newHttpClient(), Duration.ofSeconds(20),
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 2), sleeps::add,
            new IngestMetrics(registry));

    @BeforeAll
    static void start() {
        server = FixtureServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    URI uri() {
        return LinkResolver.fixtures(server.baseUrl()).resolve("https://opendata.cbs.nl/ODataApi/odata/85984NED/TableInfos?$format=json");
    }

    @Test
    void retriesA503ThenSucceedsWithExponentialJitteredBackoff() {
        server.inject(KEY, new FixtureServer.Fault.Status(503, null), 2);
        Fetched f = fetcher.get(uri(), "test");
        assertThat(f.status()).isEqualTo(200);
        assertThat(f.attempts()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(registry.get(IngestMetrics.FETCH_RETRIES.name()).counter().count()).isEqualTo(2.0);
    }

    @Test
    void givesUpAfterTheLastAttemptAndDoesNotRetryA404() {
        server.inject(KEY, new FixtureServer.Fault.Status(500, null), 3);
        FetchException e = catchThrowableOfType(FetchException.class, () -> fetcher.get(uri(), "test"));
        assertThat(e.failure().status()).isEqualTo(500);
        assertThat(e.failure().attempts()).isEqualTo(3);

        URI missing = URI.create(server.baseUrl() + "/opendata.cbs.nl/nothing-here");
        FetchException notFound = catchThrowableOfType(FetchException.class, () -> fetcher.get(missing, "test"));
        assertThat(notFound.failure().status()).isEqualTo(404);
        assertThat(notFound.failure().attempts()).isEqualTo(1);
        assertThat(registry.get(IngestMetrics.FETCH_DURATION.name()).tags("source", "test", "outcome", "failed").timer()
                .count()).isEqualTo(2);
    }

    @Test
    void honoursRetryAfter() {
        server.inject(KEY, new FixtureServer.Fault.Status(429, "1"), 1);
        Fetched f = fetcher.get(uri(), "test");
        assertThat(f.attempts()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void timesOutASlowServerAndRetries() {
        // 1 s timeout against a 10 s delay: the first attempt times out whatever the load; later attempts may
        // time out too on a very slow machine, so only "retried and then succeeded" is asserted
        HttpFetcher impatient = new HttpFetcher(HttpClient.newHttpClient(), Duration.ofSeconds(1),
                new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), 2), sleeps::add,
                new IngestMetrics(registry));
        server.inject(KEY, new FixtureServer.Fault.Delay(Duration.ofSeconds(10)), 1);
        Fetched f = impatient.get(uri(), "test");
        assertThat(f.status()).isEqualTo(200);
        assertThat(f.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(sleeps).isNotEmpty();
    }

    @Test
    void answersAConditionalRequestWith304WhenTheEtagMatches() {
        Fetched first = fetcher.get(uri(), "test");
        Fetched second = fetcher.get(uri(), "test", first.etag());
        assertThat(second.notModified()).isTrue();
        assertThat(second.body()).isEmpty();
    }

    @Test
    void retryableStatusesAndRetryAfterParsing() {
        assertThat(HttpFetcher.retryable(429)).isTrue();
        assertThat(HttpFetcher.retryable(503)).isTrue();
        assertThat(HttpFetcher.retryable(404)).isFalse();
        assertThat(HttpFetcher.retryAfter("12")).isEqualTo(Duration.ofSeconds(12));
        assertThat(HttpFetcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
    }
}
