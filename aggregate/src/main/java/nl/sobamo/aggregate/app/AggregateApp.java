package nl.sobamo.aggregate.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.query.LocalTables;
import nl.sobamo.aggregate.query.QueryServer;
import nl.sobamo.aggregate.query.QueryService;
import nl.sobamo.aggregate.query.StoreAccess;
import nl.sobamo.aggregate.query.StreamsRouting;
import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.aggregate.stream.AggregateTopology;
import nl.sobamo.config.Settings;
import nl.sobamo.config.StreamsSettings;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The aggregate Kafka Streams app: lifecycle, config, metrics and the query API around {@link AggregateTopology}. */
public final class AggregateApp implements AutoCloseable {

    public static final String DEFAULT_APPLICATION_ID = "sobamo-aggregate";
    private static final Logger LOG = LoggerFactory.getLogger(AggregateApp.class);

    private final StreamsSettings settings;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final QueryServer queryServer;

    public AggregateApp(StreamsSettings settings, MeterRegistry meterRegistry) {
        this(settings, AggregateConfig.from(Settings.load()), QueryApiSettings.from(Settings.load()), meterRegistry);
    }

    public AggregateApp(StreamsSettings settings, AggregateConfig config, QueryApiSettings api, MeterRegistry meterRegistry) {
        this.settings = settings;
        Topology topology = AggregateTopology.buildTopology(AggregateSerdes.forRegistry(settings.registryUrl()), config);
        Properties props = settings.toProperties();
        props.put("processing.exception.handler.global.enabled", "true");
        if (api.enabled()) {
            try {
                queryServer = new QueryServer(api.host(), api.port());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the query API to " + api.host() + ":" + api.port(), e);
            }
            props.put("application.server", queryServer.host() + ":" + queryServer.port());
        } else {
            queryServer = null;
        }
        this.streams = new KafkaStreams(topology, props);
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
        if (queryServer != null) {
            HostInfo self = new HostInfo(queryServer.host(), queryServer.port());
            queryServer.start(new QueryService(new LocalTables(storeAccess(streams)), new StreamsRouting(() -> streams, self)),
                    () -> streams.state().name());
        }
    }

    /** Base URL of the query API (and its web page under /web/profile.html), when enabled. */
    public Optional<String> queryUrl() {
        return Optional.ofNullable(queryServer).map(QueryServer::baseUrl);
    }

    public KafkaStreams streams() {
        return streams;
    }

    static StoreAccess storeAccess(KafkaStreams streams) {
        return new StoreAccess() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
                return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
            }
        };
    }

    @Override
    public void close() {
        if (queryServer != null) {
            queryServer.close();
        }
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
    }

    public static void main(String[] args) throws InterruptedException {
        Settings s = Settings.load();
        StreamsSettings settings = StreamsSettings.from(s, DEFAULT_APPLICATION_ID);
        QueryApiSettings api = QueryApiSettings.from(s);
        AggregateApp app = new AggregateApp(settings, AggregateConfig.from(s),
                api.enabled() ? api : new QueryApiSettings(api.host(), 8090), new SimpleMeterRegistry());
        CountDownLatch stopped = new CountDownLatch(1);
        // close from the hook itself: the JVM does not wait for the main thread once shutdown has begun
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "aggregate-shutdown"));
        app.start();
        app.queryUrl().ifPresent(url -> LOG.info("profile page: {}/web/profile.html", url));
        stopped.await();
    }
}
