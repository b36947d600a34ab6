package nl.sobamo.aggregate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.testkit.streams.TopologyGolden;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The aggregate topology as the app builds it, against {@code src/test/resources/topology/aggregate.txt}: processor,
 * store and internal topic names are part of the app's contract with its state (see docs/architecture-topologies.md).
 */
class AggregateTopologyGoldenTest {

    private static final String REGISTRY_SCOPE = "aggregate-golden";

    private final Topology topology = AggregateTopology.buildTopology(
            AggregateSerdes.forRegistry("mock://" + REGISTRY_SCOPE), AggregateConfig.defaults());

    @AfterEach
    void dropRegistry() {
        SchemaRegistryClients.dropScope(REGISTRY_SCOPE);
    }

    @Test
    void describesAsTheGoldenFile() {
        TopologyGolden.assertMatches(topology, "aggregate");
    }

    @Test
    void everyOperatorIsNamed() {
        assertThat(TopologyGolden.generatedNames(topology)).as("auto-generated names in the aggregate topology").isEmpty();
    }
}
