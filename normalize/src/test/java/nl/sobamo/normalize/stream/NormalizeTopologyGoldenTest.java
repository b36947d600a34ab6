package nl.sobamo.normalize.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.normalize.app.NormalizeApp;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.testkit.streams.TopologyGolden;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The normalize topology as the app builds it, against {@code src/test/resources/topology/normalize.txt}: processor,
 * store and internal topic names are part of the app's contract with its state (see docs/architecture-topologies.md).
 */
class NormalizeTopologyGoldenTest {

    private static final String REGISTRY_SCOPE = "normalize-golden";

    private final Topology topology = NormalizeDriver.topology(NormalizeApp.serdes("mock://" + REGISTRY_SCOPE),
            new NormalizeMetrics(new SimpleMeterRegistry()));

    @AfterEach
    void dropRegistry() {
        SchemaRegistryClients.dropScope(REGISTRY_SCOPE);
    }

    @Test
    void describesAsTheGoldenFile() {
        TopologyGolden.assertMatches(topology, "normalize");
    }

    @Test
    void everyOperatorIsNamed() {
        assertThat(TopologyGolden.generatedNames(topology)).as("auto-generated names in the normalize topology").isEmpty();
    }
}
