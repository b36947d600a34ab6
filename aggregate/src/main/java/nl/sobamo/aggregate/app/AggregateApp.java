package nl.sobamo.aggregate.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.position.PositionBacklog;
import nl.sobamo.aggregate.position.PositionStores;
import nl.sobamo.aggregate.query.LocalTables;
import nl.sobamo.aggregate.query.QueryService;
import nl.sobamo.aggregate.query.StoreAccess;
import nl.sobamo.aggregate.query.StreamsRouting;
import nl.sobamo.aggregate.query.http.QueryServer;
import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.aggregate.stream.AggregateTopology;
import nl.sobamo.config.Settings;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.ops.MeterSpec;
import nl.sobamo.ops.ServiceOps;
import nl.sobamo.topics.Topics;
import nl.sobamo.streams.StreamsService;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The aggregate Kafka Streams app: lifecycle, config, metrics and the query API around {@link AggregateTopology}. */
public final class AggregateApp implements AutoCloseable {

    public static final String DEFAULT_APPLICATION_ID = "sobamo-aggregate";
    /**
     * Stream threads per instance unless {@code sobamo.streams.threads} says otherwise. The aggregate's stream thread
     * is CPU-bound (rows, stores, Avro, positions: docs/performance.md) and its tasks are independent (one per input
     * partition and sub-topology), so a second thread uses a second core: 1.15-1.4x the national-load rate on 2 shared
     * cores, with single updates no slower. Normalize stays at 1 (its own measurements).
     */
    public static final int DEFAULT_STREAM_THREADS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(AggregateApp.class);

    /**
     * How long an idle stream thread blocks in poll (Kafka Streams' default: 100 ms). A thread commits only between
     * polls, so a record reaching an idle thread waits for the next poll to time out before its transaction commits:
     * with two threads each hop of a single update (observation -> rows -> positions) took ~110 ms whatever the commit
     * interval. During a load poll returns at once anyway, so a short block costs only idle wake-ups.
     */
    static final Duration POLL_BLOCK = Duration.ofMillis(10);

    static final MeterSpec POSITIONS_PENDING = new MeterSpec("sobamo.aggregate.positions.pending",
            "Indicator-periods whose positions and benchmark rows wait for the positions step (this instance's tasks)");
    static final MeterSpec POSITIONS_CATCHING_UP = new MeterSpec("sobamo.aggregate.positions.catching.up",
            "Positions tasks of this instance that are catching up: their positions wait until they have (decision 0012)");

    private final StreamsSettings settings;
    private final PositionBacklog positionBacklog = new PositionBacklog();
    private final StreamsService service;
    private final KafkaStreamsMetrics streamsMetrics;
    private final QueryServer queryServer;
    private final String advertisedHost;

    public AggregateApp(StreamsSettings settings, MeterRegistry meterRegistry) {
        this(settings, AggregateConfig.from(Settings.load()), QueryApiSettings.from(Settings.load()), meterRegistry);
    }

    public AggregateApp(StreamsSettings settings, AggregateConfig config, QueryApiSettings api, MeterRegistry meterRegistry) {
        this.settings = settings;
        Topology topology = AggregateTopology.buildTopology(AggregateSerdes.forRegistry(settings.registryUrl()), config,
                positionBacklog);
        POSITIONS_PENDING.gauge(meterRegistry, positionBacklog, PositionBacklog::pending);
        POSITIONS_CATCHING_UP.gauge(meterRegistry, positionBacklog, PositionBacklog::catchingUp);
        Properties props = settings.toProperties();
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.put(StreamsConfig.POLL_MS_CONFIG, Long.toString(POLL_BLOCK.toMillis()));
        if (api.enabled()) {
            try {
                queryServer = new QueryServer(api.host(), api.port());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the query API to " + api.host() + ":" + api.port(), e);
            }
            // what other instances forward to: the advertised address (the pod IP), not the bind address
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, api.advertisedHost() + ":" + queryServer.port());
        } else {
            queryServer = null;
        }
        this.advertisedHost = api.advertisedHost();
        this.service = new StreamsService("aggregate", topology, props);
        this.streamsMetrics = new KafkaStreamsMetrics(service.streams());
        streamsMetrics.bindTo(meterRegistry);
        LOG.info("aggregate topology:\n{}", topology.describe());
    }

    public void start() {
        OwnedTopics.ensure(settings.bootstrapServers(), settings.replicationFactor());
        service.start();
        KafkaStreams streams = service.streams();
        if (queryServer != null) {
            HostInfo self = new HostInfo(advertisedHost, queryServer.port());
            queryServer.start(new QueryService(new LocalTables(storeAccess(streams)), new StreamsRouting(() -> streams, self)),
                    () -> streams.state().name());
        }
    }

    /** Base URL of the query API (and its web page under /web/profile.html), when enabled. */
    public Optional<String> queryUrl() {
        return Optional.ofNullable(queryServer).map(QueryServer::baseUrl);
    }

    public KafkaStreams streams() {
        return service.streams();
    }

    /**
     * Indicator-periods whose positions and benchmark rows still wait for the positions step (its dirty marks in
     * this instance's tasks). The step publishes on a wall-clock punctuation, so "all input consumed" (zero lag)
     * does not yet mean "tables published": see {@link #awaitSettled}.
     */
    public long pendingPositions() {
        ReadOnlyKeyValueStore<String, String> dirty = storeAccess(service.streams()).store(PositionStores.DIRTY);
        long n = 0;
        try (var it = dirty.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    /**
     * For runners and tests that read the tables once the input is consumed (zero consumer lag): blocks until no
     * indicator-period is pending in this instance and a commit has completed since, so the published rows are
     * committed (visible to read_committed consumers).
     */
    public void awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (pendingPositions() == 0) {
                    break;
                }
            } catch (InvalidStateStoreException e) {
                // rebalancing or restoring: ask again
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("aggregate positions still pending after " + timeout);
            }
            Thread.sleep(100); // polling the app's own state; there is no callback for "punctuation done"
        }
        double commits = commitTotal();
        while (commitTotal() <= commits) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no aggregate commit within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private double commitTotal() {
        return service.streams().metrics().values().stream()
                .filter(m -> m.metricName().name().equals("commit-total") && m.metricName().group().equals("stream-thread-metrics"))
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
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
        service.close();
        streamsMetrics.close();
    }

    /**
     * Runs aggregate until the JVM stops: the query API (port 8090 unless {@code sobamo.aggregate.http.port} says
     * otherwise) and the ops endpoint ({@code SOBAMO_OPS_PORT}, default 9400) with readiness on Kafka, the registry
     * and the Streams state, and the consumer lag of the application id over the observations (the area
     * reference is a global store: its consumer commits no group offsets).
     */
    public static void main(String[] args) throws InterruptedException {
        Settings s = Settings.load();
        StreamsSettings settings = StreamsSettings.from(s, DEFAULT_APPLICATION_ID, DEFAULT_STREAM_THREADS);
        QueryApiSettings api = QueryApiSettings.from(s);
        ServiceOps ops = ServiceOps.create("aggregate", s, settings.bootstrapServers(), settings.registryUrl());
        AggregateApp app = new AggregateApp(settings, AggregateConfig.from(s),
                api.enabled() ? api : api.withPort(8090), ops.registry());
        ops.streams(app::streams, settings.applicationId())
                .lag(settings.applicationId(), java.util.List.of(Topics.OBSERVATIONS))
                .start();
        StreamsService.runUntilShutdown("aggregate", app::streams, () -> {
            app.close();
            ops.close();
        }, () -> {
            app.start();
            app.queryUrl().ifPresent(url -> LOG.info("profile page: {}/web/profile.html", url));
        });
    }
}
