package nl.sobamo.aggregate.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.aggregate.stream.AggregateTopology;
import nl.sobamo.config.Settings;
import nl.sobamo.config.StreamsSettings;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The aggregate Kafka Streams app: lifecycle, config and metrics around {@link AggregateTopology}. */
public final class AggregateApp implements AutoCloseable {

    public static final String DEFAULT_APPLICATION_ID = "sobamo-aggregate";
    private static final Logger LOG = LoggerFactory.getLogger(AggregateApp.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;

    private final StreamsSettings settings;

    public AggregateApp(StreamsSettings settings, MeterRegistry meterRegistry) {
        this(settings, AggregateConfig.from(Settings.load()), meterRegistry);
    }

    public AggregateApp(StreamsSettings settings, AggregateConfig config, MeterRegistry meterRegistry) {
        this.settings = settings;
        Topology topology = AggregateTopology.buildTopology(AggregateSerdes.forRegistry(settings.registryUrl()), config);
        this.streams = new KafkaStreams(topology, settings.toProperties());
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meterRegistry);
        LOG.info("aggregate topology:\n{}", topology.describe());
    }

    public void start() {
        OwnedTopics.ensure(settings.bootstrapServers(), settings.replicationFactor());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("aggregate stream thread failed; shutting the app down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsSettings settings = StreamsSettings.from(Settings.load(), DEFAULT_APPLICATION_ID);
        AggregateApp app = new AggregateApp(settings, new SimpleMeterRegistry());
        CountDownLatch stopped = new CountDownLatch(1);
        // close from the hook itself: the JVM does not wait for the main thread once shutdown has begun
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "aggregate-shutdown"));
        app.start();
        stopped.await();
    }
}
