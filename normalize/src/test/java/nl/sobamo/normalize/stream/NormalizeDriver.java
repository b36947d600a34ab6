package nl.sobamo.normalize.stream;

import nl.sobamo.catalog.IndicatorCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import nl.sobamo.normalize.app.NormalizeApp;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.normalize.mapping.RecordNormalizer;
import nl.sobamo.normalize.stream.NormalizeTopology.NormalizeSerdes;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.testkit.streams.TopologyDriver;
import nl.sobamo.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;

/**
 * The normalize topology, with the app's serdes against a mock registry, in a {@link TopologyDriver}. The clock is
 * fixed so that dead letters and observations carry reproducible timestamps.
 */
final class NormalizeDriver implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    final NormalizeMetrics metrics = new NormalizeMetrics(new SimpleMeterRegistry());
    final NormalizeSerdes serdes;
    final TestOutputTopic<MunicipalitySphereKey, Observation> observations;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;
    private final TopologyDriver driver;

    NormalizeDriver(String name) {
        TopologyDriver.Builder builder = TopologyDriver.builder(name);
        serdes = NormalizeApp.serdes(builder.registryUrl());
        driver = builder.start(topology(serdes, metrics));
        observations = driver.output(Topics.OBSERVATIONS, serdes.observationKey(), serdes.observation());
        deadLetters = driver.output(Topics.DLQ_NORMALIZE, Serdes.ByteArray(), serdes.deadLetter());
    }

    /** The topology as the app builds it (bundled catalog and municipality directory), on the fixed clock. */
    static Topology topology(NormalizeSerdes serdes, NormalizeMetrics metrics) {
        RecordNormalizer normalizer = new RecordNormalizer(IndicatorCatalog.loadDefault(), MunicipalityDirectory.loadDefault(), CLOCK);
        return NormalizeTopology.buildTopology(normalizer, metrics, serdes, CLOCK);
    }

    /** RawRecords in the registry wire format, keyed by record id, as ingest publishes them. */
    TestInputTopic<String, RawRecord> raw(String topic) {
        return driver.input(topic, Serdes.String(), serdes.rawRecord());
    }

    /** Arbitrary bytes on a raw topic, for input that is not a RawRecord at all. */
    TestInputTopic<String, byte[]> rawBytes(String topic) {
        return driver.input(topic, Serdes.String(), Serdes.ByteArray());
    }

    @Override
    public void close() {
        driver.close();
    }
}
