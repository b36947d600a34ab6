package nl.sobamo.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.metrics.IngestMetrics.Outcome;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;

/**
 * One real ingest route and the real config in a test CamelContext. AdviceWith is on, so the context starts only
 * after a test replaced the Kafka endpoints by mocks: no broker is needed and the Avro serializer is never
 * instantiated.
 */
public abstract class IngestRouteTestSupport extends CamelTestSupport {

    protected final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        configuration.withUseOverridePropertiesWithPropertiesComponent(IngestConfig.defaults().toProperties());
        // only the route under test: another route's unadvised Kafka endpoints would start real producers
        configuration.withRouteFilterIncludePattern(routeUnderTest());
    }

    /** Id of the route a test class advises; called from the constructor, so return a constant. */
    protected abstract String routeUnderTest();

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return IngestRoutes.all(registry, TestResources.CLOCK).toArray(RoutesBuilder[]::new);
    }

    /** Guards the promise that route tests need neither a broker nor the Avro serializer. */
    @AfterEach
    void noKafkaEndpointWasCreated() {
        assertThat(context.getEndpoints()).noneMatch(e -> e.getEndpointUri().startsWith("kafka:"));
    }

    /** The Kafka keys a mock received. */
    protected static List<String> keys(MockEndpoint mock) {
        return mock.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(KafkaConstants.KEY, String.class))
                .toList();
    }

    protected static Set<String> keySet(MockEndpoint mock) {
        return keys(mock).stream().collect(Collectors.toSet());
    }

    protected double count(String source, Outcome outcome) {
        var counter = registry.find(IngestMetrics.RECORDS.name())
                .tag(IngestMetrics.TAG_SOURCE, source)
                .tag(IngestMetrics.TAG_OUTCOME, outcome.tag())
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
