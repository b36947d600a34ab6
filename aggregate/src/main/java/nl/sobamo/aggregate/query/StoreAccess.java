package nl.sobamo.aggregate.query;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read access to this instance's stores by name: {@code KafkaStreams.store(...)} in the app,
 * {@code TopologyTestDriver.getKeyValueStore(...)} in tests.
 */
@FunctionalInterface
public interface StoreAccess {

    <V> ReadOnlyKeyValueStore<String, V> store(String name);
}
