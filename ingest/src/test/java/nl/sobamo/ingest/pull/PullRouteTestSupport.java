package nl.sobamo.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.fixtures.FixtureServer;
import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.IngestReport;
import nl.sobamo.ingest.IngestRoutes;
import nl.sobamo.ingest.TestResources;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.pull.checkpoint.InMemoryCheckpointStore;
import nl.sobamo.ingest.pull.http.HttpFetcher;
import nl.sobamo.ingest.pull.http.LinkResolver;
import nl.sobamo.ingest.pull.source.OpenDataSources;
import nl.sobamo.retry.RetryPolicy;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.RawRecord;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The real pull routes against the local {@link FixtureServer}, with the Kafka endpoints advised into mocks
 * ({@code mock:raw-<source>}, {@code mock:dlq}) and checkpoints in memory. Retries back off for milliseconds, and a
 * request times out after {@link #REQUEST_TIMEOUT}.
 */
public abstract class PullRouteTestSupport extends CamelTestSupport {

    protected static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    protected static FixtureServer server;

    protected final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    protected final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    protected OpenDataConfig openData;

    @BeforeAll
    static void startServer() {
        server = FixtureServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void resetServer() {
        server.clearFaults();
        server.clearOverrides();
        server.clearRequests();
    }

    /** Settings beyond the defaults, e.g. the KWB protocol. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        configuration.withUseOverridePropertiesWithPropertiesComponent(IngestConfig.defaults().toProperties());
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        Map<String, String> s = new HashMap<>(settings());
        s.put(OpenDataConfig.FIXTURES_URL, server.baseUrl());
        s.put(OpenDataConfig.CHECKPOINTS, "memory");
        openData = OpenDataConfig.from(s);
        IngestMetrics metrics = new IngestMetrics(registry, TestResources.CLOCK);
        HttpFetcher fetcher = HttpFetcher.create(Duration.ofSeconds(2), REQUEST_TIMEOUT,
                new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5), 2), metrics);
        PullServices services = new PullServices(fetcher, () -> LinkResolver.fixtures(server.baseUrl()),
                () -> checkpoints, metrics, TestResources.CLOCK);
        List<RoutesBuilder> routes = OpenDataSources.all(openData).stream()
                .map(d -> (RoutesBuilder) new PullRouteBuilder(d, services)).toList();
        return routes.toArray(RoutesBuilder[]::new);
    }

    /** Replaces every pull route's Kafka endpoints by mocks and starts the context. */
    protected void adviseAndStart() throws Exception {
        for (SourceDefinition d : OpenDataSources.all(openData)) {
            AdviceWith.adviceWith(context, d.routeId(), a -> {
                a.weaveById(d.routeId() + "-to-raw-topic").replace().to("mock:raw-" + d.source());
                a.weaveById(d.routeId() + "-to-dlq").replace().to("mock:dlq");
            });
        }
        context.start();
    }

    protected IngestReport pull(String source, String table) {
        return template.requestBody("direct:pull-" + source, table, IngestReport.class);
    }

    protected MockEndpoint raw(String source) {
        return getMockEndpoint("mock:raw-" + source);
    }

    protected MockEndpoint dlq() {
        return getMockEndpoint("mock:dlq");
    }

    /** The records the raw-topic mock received: one exchange per page, its body the page's keyed messages. */
    @SuppressWarnings("unchecked")
    protected List<RawRecord> records(String source) {
        List<RawRecord> out = new java.util.ArrayList<>();
        for (org.apache.camel.Exchange e : raw(source).getReceivedExchanges()) {
            for (org.apache.camel.Message m : (List<org.apache.camel.Message>) e.getMessage().getBody(List.class)) {
                RawRecord r = m.getBody(RawRecord.class);
                assertThat(m.getHeader(org.apache.camel.component.kafka.KafkaConstants.KEY)).isEqualTo(r.getRecordId());
                out.add(r);
            }
        }
        return out;
    }

    protected Map<String, RawRecord> recordsById(String source) {
        Map<String, RawRecord> byId = new HashMap<>();
        for (RawRecord r : records(source)) {
            assertThat(byId.put(r.getRecordId(), r)).as("duplicate %s", r.getRecordId()).isNull();
        }
        return byId;
    }

    protected List<DeadLetter> deadLetters() {
        return dlq().getReceivedExchanges().stream().map(e -> e.getMessage().getBody(DeadLetter.class)).toList();
    }

    protected void resetMocks() {
        MockEndpoint.resetMocks(context);
    }
}
