package nl.sobamo.testkit.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.sobamo.registry.SchemaRegistryClients;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A topology in a {@link TopologyTestDriver} with its own mock schema registry scope and its own state directory,
 * both removed on {@link #close()}: tests in parallel (two "instances" in one test, other modules' tests on the
 * same machine) then share neither schemas nor RocksDB directories.
 *
 * <pre>{@code
 * try (TopologyDriver driver = TopologyDriver.start("normalize", url -> buildTopology(serdes(url)))) {
 *     TestInputTopic<String, RawRecord> in = driver.input(Topics.RAW_IV3, Serdes.String(), serdes.rawRecord());
 * }
 * }</pre>
 */
public final class TopologyDriver implements AutoCloseable {

    private final String registryScope;
    private final Path stateDir;
    private final TopologyTestDriver driver;

    private TopologyDriver(String registryScope, Path stateDir, TopologyTestDriver driver) {
        this.registryScope = registryScope;
        this.stateDir = stateDir;
        this.driver = driver;
    }

    /** Builds the topology against a fresh mock registry ({@code mock://<name>-<uuid>}) and starts the driver. */
    public static TopologyDriver start(String name, Function<String, Topology> topologyForRegistryUrl) {
        return builder(name).start(topologyForRegistryUrl);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The URL of this driver's mock registry: serdes built from it share the driver's schemas. */
    public String registryUrl() {
        return "mock://" + registryScope;
    }

    public <K, V> TestInputTopic<K, V> input(String topic, Serde<K> keySerde, Serde<V> valueSerde) {
        return driver.createInputTopic(topic, keySerde.serializer(), valueSerde.serializer());
    }

    public <K, V> TestOutputTopic<K, V> output(String topic, Serde<K> keySerde, Serde<V> valueSerde) {
        return driver.createOutputTopic(topic, keySerde.deserializer(), valueSerde.deserializer());
    }

    /** Runs the wall-clock punctuations that are due after {@code advance}. */
    public void advanceWallClockTime(Duration advance) {
        driver.advanceWallClockTime(advance);
    }

    public <K, V> KeyValueStore<K, V> keyValueStore(String name) {
        return driver.getKeyValueStore(name);
    }

    /** The driver itself, for what this class does not offer. */
    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            SchemaRegistryClients.dropScope(registryScope);
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory
        }
    }

    /**
     * Streams properties beyond the test defaults (application id, a never-contacted bootstrap address), and the
     * registry URL before the driver starts, for tests that build their serdes first.
     */
    public static final class Builder {

        private final String name;
        private final String scope;
        private final Properties props = new Properties();

        private Builder(String name) {
            this.name = name;
            this.scope = name + "-" + UUID.randomUUID();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, name + "-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        }

        public String registryUrl() {
            return "mock://" + scope;
        }

        public Builder config(String key, Object value) {
            props.put(key, value);
            return this;
        }

        public TopologyDriver start(Function<String, Topology> topologyForRegistryUrl) {
            Path stateDir;
            try {
                stateDir = Files.createTempDirectory("sobamo-" + name + "-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Properties driverProps = new Properties();
            driverProps.putAll(props);
            driverProps.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            try {
                Topology topology = topologyForRegistryUrl.apply(registryUrl());
                return new TopologyDriver(scope, stateDir, new TopologyTestDriver(topology, driverProps));
            } catch (RuntimeException e) {
                SchemaRegistryClients.dropScope(scope);
                deleteRecursively(stateDir);
                throw e;
            }
        }

        /** Starts the driver on a topology built with serdes for {@link #registryUrl()}. */
        public TopologyDriver start(Topology topology) {
            return start(url -> topology);
        }
    }
}
