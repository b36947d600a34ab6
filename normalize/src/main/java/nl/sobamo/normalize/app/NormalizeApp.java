package nl.sobamo.normalize.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import nl.sobamo.config.Settings;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.normalize.area.MunicipalityDirectory;
import nl.sobamo.normalize.catalog.IndicatorCatalog;
import nl.sobamo.normalize.mapping.RecordNormalizer;
import nl.sobamo.normalize.stream.NormalizeMetrics;
import nl.sobamo.normalize.stream.NormalizeTopology;
import nl.sobamo.normalize.stream.NormalizeTopology.NormalizeSerdes;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.serde.AvroSerdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The normalize Kafka Streams app: lifecycle, config and metrics around {@link NormalizeTopology}. */
public final class NormalizeApp implements AutoCloseable {

    public static final String DEFAULT_APPLICATION_ID = "sobamo-normalize";
    private static final Logger LOG = LoggerFactory.getLogger(NormalizeApp.class);

    private final KafkaStreams streams;
    private final NormalizeMetrics metrics;
    private final KafkaStreamsMetrics streamsMetrics;
    private final IndicatorCatalog catalog;

    public NormalizeApp(StreamsSettings settings, MeterRegistry meterRegistry) {
        this.catalog = IndicatorCatalog.loadDefault();
        this.metrics = new NormalizeMetrics(meterRegistry);
        RecordNormalizer normalizer = new RecordNormalizer(catalog, MunicipalityDirectory.loadDefault(), Clock.systemUTC());
        Topology topology = NormalizeTopology.buildTopology(normalizer, metrics, serdes(settings.registryUrl()), Clock.systemUTC());
        this.streams = new KafkaStreams(topology, settings.toProperties());
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meterRegistry);
        LOG.info("normalize: catalog version {}, {} indicators; topology:\n{}", catalog.version(),
                catalog.indicators().size(), topology.describe());
    }

    public static NormalizeSerdes serdes(String registryUrl) {
        Map<String, Object> config = Map.of("schema.registry.url", registryUrl);
        return new NormalizeSerdes(
                AvroSerdes.specific(RawRecord.class, config, false),
                AvroSerdes.specific(MunicipalitySphereKey.class, config, true),
                AvroSerdes.specific(Observation.class, config, false),
                AvroSerdes.specific(DeadLetter.class, config, false));
    }

    public void start() {
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("normalize stream thread failed; shutting the app down", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public NormalizeMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsSettings settings = StreamsSettings.from(Settings.load(), DEFAULT_APPLICATION_ID);
        NormalizeApp app = new NormalizeApp(settings, new SimpleMeterRegistry());
        CountDownLatch stopped = new CountDownLatch(1);
        // close from the hook itself: the JVM does not wait for the main thread once shutdown has begun
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "normalize-shutdown"));
        app.start();
        stopped.await();
    }
}
