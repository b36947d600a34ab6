package nl.sobamo.deploy.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import nl.sobamo.aggregate.app.AggregateApp;
import nl.sobamo.aggregate.app.QueryApiSettings;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.position.Positions;
import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.config.Settings;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.deploy.topics.TopicProvisioner;
import nl.sobamo.deploy.topics.TopicSpec;
import nl.sobamo.fixtures.FixtureServer;
import nl.sobamo.ingest.IngestApplication;
import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.IngestReport;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.normalize.app.NormalizeApp;
import nl.sobamo.push.PushApi;
import nl.sobamo.push.PushApiConfig;
import nl.sobamo.push.auth.ApiKeys;
import nl.sobamo.push.auth.PushKeyTool;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole pipeline against a broker and registry: topics, the two Streams apps, the bundled ingest,
 * then waits until every stage has drained its input before reading the tables back.
 */
public final class LocalPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);
    static final List<String> FIXTURE_SOURCES = List.of("cbs-gebieden", "rivm", "leefbaarometer");

    private final String bootstrapServers;
    private final String registryUrl;
    private final Path stateDir;
    private final int partitions;
    private final MeterRegistry meters;
    private final List<AutoCloseable> running = new ArrayList<>();
    private NormalizeApp normalize;
    private AggregateApp aggregate;

    public LocalPipeline(String bootstrapServers, String registryUrl, Path stateDir, int partitions, MeterRegistry meters) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.stateDir = stateDir;
        this.partitions = partitions;
        this.meters = meters;
    }

    public void provisionTopics() throws InterruptedException {
        try (Admin admin = admin()) {
            new TopicProvisioner(admin, (short) 1).ensure(TopicSpec.pipelineTopics(partitions));
        }
    }

    public void startStreamsApps() {
        StreamsSettings base = new StreamsSettings("unset", bootstrapServers, registryUrl, stateDir,
                StreamsSettings.DEFAULT_COMMIT_INTERVAL, 32L * 1024 * 1024, 1, 1);
        normalize = new NormalizeApp(base.withApplicationId(NormalizeApp.DEFAULT_APPLICATION_ID), meters);
        running.add(leavingGroup(normalize::streams, normalize));
        // the query API and profile page on a free loopback port unless sobamo.aggregate.http.* say otherwise
        QueryApiSettings api = QueryApiSettings.from(Settings.load());
        aggregate = new AggregateApp(base.withApplicationId(AggregateApp.DEFAULT_APPLICATION_ID),
                AggregateConfig.from(Settings.load()), api.enabled() ? api : new QueryApiSettings(api.host(), 0), meters);
        running.add(leavingGroup(aggregate::streams, aggregate));
        normalize.start();
        aggregate.start();
    }

    /**
     * Starts the municipal push API (and file drop) with a fresh demo key for one municipality, writing to the
     * same broker; the pipeline turns accepted pushes into observations and table rows.
     */
    public PushDemo startPushApi(Path pushDir, String municipality) throws IOException {
        Files.createDirectories(pushDir.resolve("drop").resolve(municipality));
        Path keys = pushDir.resolve("push-keys.txt");
        ApiKeys.NewKey key = ApiKeys.generate();
        PushKeyTool.append(keys, PushKeyTool.line(key.keyId(), municipality, key.hash()));
        Properties o = new Properties();
        o.setProperty(IngestConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        o.setProperty(IngestConfig.REGISTRY_URL, registryUrl);
        o.setProperty(PushApiConfig.PORT, "0");
        o.setProperty(PushApiConfig.KEYS_FILE, keys.toString());
        o.setProperty(PushApiConfig.RECEIPTS_FILE, pushDir.resolve("receipts.jsonl").toString());
        o.setProperty(PushApiConfig.DROP_DIR, pushDir.resolve("drop").toString());
        PushApi api = PushApi.start(PushApiConfig.load(o), meters);
        running.add(api);
        return new PushDemo(api.baseUrl(), municipality, key.token(), pushDir.resolve("drop").resolve(municipality));
    }

    /** Where and how to push to the running API. */
    public record PushDemo(String baseUrl, String municipality, String token, Path dropDir) {
    }

    /**
     * Publishes the bundled data: the CBS KWB 2024 and Iv3 2023 files, and the recorded open-data responses of
     * CBS Gebieden, RIVM and Leefbaarometer pulled through the real OData/CSV routes from a local fixture server.
     * KWB and Iv3 are not pulled from their fixtures too: they would duplicate the bundles under other datasets.
     */
    public List<IngestReport> ingestBundledData() {
        Properties overrides = new Properties();
        overrides.put(IngestConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        overrides.put(IngestConfig.REGISTRY_URL, registryUrl);
        overrides.put(OpenDataConfig.SOURCES, String.join(",", FIXTURE_SOURCES));
        try (FixtureServer fixtures = FixtureServer.start()) {
            overrides.put(OpenDataConfig.MODE, "fixtures");
            overrides.put(OpenDataConfig.FIXTURES_URL, fixtures.baseUrl());
            return ingest(overrides);
        }
    }

    private List<IngestReport> ingest(Properties overrides) {
        try (IngestApplication ingest = IngestApplication.start(IngestConfig.load(overrides),
                OpenDataConfig.load(overrides), meters)) {
            List<IngestReport> reports = new ArrayList<>(List.of(ingest.runBundledKwb(), ingest.runBundledIv3()));
            reports.addAll(ingest.runFixtures());
            return reports;
        }
    }

    /** Blocks until normalize and then aggregate have processed everything written so far. */
    public void awaitDrained(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = admin()) {
            ConsumerLag lag = new ConsumerLag(admin);
            awaitZeroLag(lag, NormalizeApp.DEFAULT_APPLICATION_ID, Topics.RAW_TOPICS, normalize.streams(), deadline);
            awaitZeroLag(lag, AggregateApp.DEFAULT_APPLICATION_ID, List.of(Topics.OBSERVATIONS), aggregate.streams(), deadline);
        }
        // positions and benchmark rows are published by a punctuation after the input is consumed
        aggregate.awaitSettled(Duration.between(Instant.now(), deadline).isNegative()
                ? Duration.ofSeconds(1) : Duration.between(Instant.now(), deadline));
        LOG.info("{} has published its positions and benchmarks", AggregateApp.DEFAULT_APPLICATION_ID);
    }

    /** Base URL of the aggregate query API (profile page under /web/profile.html). */
    public Optional<String> queryUrl() {
        return aggregate == null ? Optional.empty() : aggregate.queryUrl();
    }

    private static void awaitZeroLag(ConsumerLag lag, String group, List<String> topics, KafkaStreams streams, Instant deadline)
            throws InterruptedException {
        long last = -1;
        Instant lastLog = Instant.EPOCH;
        while (true) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
                    || streams.state() == KafkaStreams.State.PENDING_ERROR) {
                throw new IllegalStateException(group + " stopped (" + streams.state() + ") before draining its input; see the log");
            }
            long current = lag.of(group, topics);
            if (current == 0 && streams.state() == KafkaStreams.State.RUNNING) {
                LOG.info("{} has processed all its input", group);
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(group + " still has a lag of " + current + " records at the deadline");
            }
            if (current != last || Duration.between(lastLog, Instant.now()).toSeconds() >= 5) {
                LOG.info("waiting for {}: {} records to go ({})", group, current, streams.state());
                last = current;
                lastLog = Instant.now();
            }
            // polling an external condition (consumer-group offsets); nothing to be notified by
            Thread.sleep(250);
        }
    }

    public PipelineResult snapshot(List<IngestReport> reports) {
        AggregateSerdes serdes = AggregateSerdes.forRegistry(registryUrl);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String topic : List.of(Topics.RAW_CBS_KWB, Topics.RAW_IV3, Topics.RAW_CBS_GEBIEDEN, Topics.RAW_RIVM,
                Topics.RAW_LEEFBAAROMETER, Topics.RAW_PUSH, Topics.OBSERVATIONS, Topics.REFERENCE_AREAS, Topics.DLQ_INGEST,
                Topics.DLQ_NORMALIZE, Topics.TABLE_INDICATORS, Topics.TABLE_BENCHMARKS, Topics.TABLE_POSITIONS,
                Topics.TABLE_DISTRICTS, Topics.REFERENCE_INDICATORS)) {
            counts.put(topic, TableSnapshot.recordCount(bootstrapServers, topic));
        }
        // the indicator rows joined by key with their positions (sobamo.tables.positions.v1): the rows as the query API
        // and its exports show them
        Map<IndicatorKey, IndicatorPosition> positions = TableSnapshot.read(bootstrapServers, Topics.TABLE_POSITIONS,
                serdes.indicatorKey().deserializer(), serdes.indicatorPosition().deserializer());
        Map<IndicatorKey, IndicatorValue> indicators = new LinkedHashMap<>();
        TableSnapshot.read(bootstrapServers, Topics.TABLE_INDICATORS, serdes.indicatorKey().deserializer(),
                serdes.indicatorValue().deserializer()).forEach((k, v) -> indicators.put(k, Positions.positioned(v, positions.get(k))));
        return new PipelineResult(reports, counts, indicators,
                TableSnapshot.read(bootstrapServers, Topics.TABLE_BENCHMARKS, serdes.benchmarkKey().deserializer(),
                        serdes.benchmarkRow().deserializer()),
                TableSnapshot.read(bootstrapServers, Topics.TABLE_DISTRICTS, serdes.districtKey().deserializer(),
                        serdes.districtValue().deserializer()),
                observationHomes(serdes));
    }

    /** Every observation counted by the table it feeds (or why none), as the aggregate topology routes it. */
    private Map<nl.sobamo.aggregate.district.ObservationHome, Long> observationHomes(AggregateSerdes serdes) {
        java.util.Set<String> recordSources = nl.sobamo.catalog.IndicatorCatalog.loadDefault().recordSources();
        Map<nl.sobamo.aggregate.district.ObservationHome, Long> homes = new java.util.EnumMap<>(
                nl.sobamo.aggregate.district.ObservationHome.class);
        TableSnapshot.forEachRecord(bootstrapServers, Topics.OBSERVATIONS, serdes.observation().deserializer(),
                o -> homes.merge(nl.sobamo.aggregate.district.ObservationHome.of(o, recordSources), 1L, Long::sum));
        return homes;
    }

    /**
     * Closes {@code app} after its Streams client has left its consumer group. The broker keeps the group in its data
     * directory, so without leaving, the next run of this runner on the same directory waited a session timeout
     * (45 s, "REBALANCING") for members of the previous process. A deployed service stays in its group on close
     * (Kafka Streams' default): a restarted pod then gets its tasks back without a second rebalance.
     */
    private static AutoCloseable leavingGroup(Supplier<KafkaStreams> streams, AutoCloseable app) {
        return () -> {
            streams.get().close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(LEAVE_TIMEOUT));
            app.close();
        };
    }

    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(30);

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", running.get(i), e);
            }
        }
        running.clear();
    }
}
