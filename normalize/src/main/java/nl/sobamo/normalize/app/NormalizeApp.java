package nl.sobamo.normalize.app;

import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.catalog.IndicatorReferences;
import nl.sobamo.reference.MunicipalityDirectory;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import nl.sobamo.config.Settings;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.normalize.area.AreaHarmonizer;
import nl.sobamo.normalize.mapping.RecordNormalizer;
import nl.sobamo.normalize.reference.AreaReferences;
import nl.sobamo.normalize.reference.ReferencePublisher;
import nl.sobamo.normalize.stream.NormalizeMetrics;
import nl.sobamo.normalize.stream.NormalizeTopology.NormalizeSerdes;
import nl.sobamo.normalize.stream.NormalizeTopology;
import nl.sobamo.ops.ServiceOps;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.serde.AvroSerdes;
import nl.sobamo.streams.StreamsService;
import nl.sobamo.topics.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The normalize Kafka Streams app: lifecycle, config and metrics around {@link NormalizeTopology}. */
public final class NormalizeApp implements AutoCloseable {

    public static final String DEFAULT_APPLICATION_ID = "sobamo-normalize";
    private static final Logger LOG = LoggerFactory.getLogger(NormalizeApp.class);

    private final StreamsService service;
    private final NormalizeMetrics metrics;
    private final KafkaStreamsMetrics streamsMetrics;
    private final IndicatorCatalog catalog;
    private final StreamsSettings settings;
    private final AreaHarmonizer harmonizer;
    private final boolean publishAreaReferences;

    /** With the bundled area reference published to {@code sobamo.reference.areas.v1} at start. */
    public NormalizeApp(StreamsSettings settings, MeterRegistry meterRegistry) {
        this(settings, meterRegistry, true);
    }

    /** With the normalize tuning defaults ({@link NormalizeTuning#defaults()}). */
    public NormalizeApp(StreamsSettings settings, MeterRegistry meterRegistry, boolean publishAreaReferences) {
        this(settings, meterRegistry, publishAreaReferences, NormalizeTuning.defaults());
    }

    public NormalizeApp(StreamsSettings settings, MeterRegistry meterRegistry, boolean publishAreaReferences,
                        NormalizeTuning tuning) {
        this.settings = settings;
        this.publishAreaReferences = publishAreaReferences;
        this.catalog = IndicatorCatalog.loadDefault();
        this.harmonizer = AreaHarmonizer.loadDefault();
        this.metrics = new NormalizeMetrics(meterRegistry);
        RecordNormalizer normalizer = new RecordNormalizer(catalog, MunicipalityDirectory.loadDefault(), harmonizer,
                Clock.systemUTC());
        Topology topology = NormalizeTopology.buildTopology(normalizer, metrics, serdes(settings.registryUrl()), Clock.systemUTC());
        this.service = new StreamsService("normalize", topology, tuning.applyTo(settings.toProperties()));
        this.streamsMetrics = new KafkaStreamsMetrics(service.streams());
        streamsMetrics.bindTo(meterRegistry);
        LOG.info("normalize: catalog version {}, {} indicators; topology:\n{}", catalog.version(),
                catalog.indicators().size(), topology.describe());
    }

    public static NormalizeSerdes serdes(String registryUrl) {
        Map<String, Object> config = Map.of(RegistryConfig.URL, registryUrl);
        return new NormalizeSerdes(
                AvroSerdes.specific(RawRecord.class, config, false),
                AvroSerdes.specific(MunicipalitySphereKey.class, config, true),
                AvroSerdes.specific(Observation.class, config, false),
                AvroSerdes.specific(DeadLetter.class, config, false));
    }

    public void start() {
        if (publishAreaReferences) {
            publishAreaReferences();
            publishIndicatorReferences();
        }
        service.start();
    }

    /**
     * Publishes the bundled area reference (today's municipalities with peer-group codes, dissolved ones with
     * successors). The topic is compacted and the records deterministic, so publishing at every start is harmless.
     * A failure is logged, not fatal: observations do not depend on it.
     */
    public int publishAreaReferences() {
        OptionalInt n = ReferencePublisher.AREAS.publish(settings, "area-references", AreaReferences.bundled(harmonizer));
        n.ifPresent(written -> LOG.info("normalize: published {} area references to {}", written, Topics.REFERENCE_AREAS));
        return n.orElse(0);
    }

    /** The indicator catalog on its reference topic, published like the area reference. */
    private void publishIndicatorReferences() {
        ReferencePublisher.INDICATORS.publish(settings, "indicator-references", IndicatorReferences.of(catalog))
                .ifPresent(written -> LOG.info("normalize: published {} indicator references (catalog {}) to {}",
                        written, catalog.version(), Topics.REFERENCE_INDICATORS));
    }

    public KafkaStreams streams() {
        return service.streams();
    }

    public NormalizeMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        service.close();
        streamsMetrics.close();
    }

    /**
     * Runs normalize until the JVM stops, with its ops endpoint ({@code SOBAMO_OPS_PORT}, default 9400): Prometheus
     * metrics, liveness, and readiness on Kafka, the registry and the Streams state; consumer lag of the
     * application id over the raw topics.
     */
    public static void main(String[] args) throws InterruptedException {
        Settings s = Settings.load();
        StreamsSettings settings = StreamsSettings.from(s, DEFAULT_APPLICATION_ID);
        boolean publish = s.bool("sobamo.normalize.publish-area-references", true);
        ServiceOps ops = ServiceOps.create("normalize", s, settings.bootstrapServers(), settings.registryUrl());
        NormalizeApp app = new NormalizeApp(settings, ops.registry(), publish, NormalizeTuning.from(s));
        ops.streams(app::streams, settings.applicationId())
                .lag(settings.applicationId(), Topics.RAW_TOPICS)
                .start();
        StreamsService.runUntilShutdown("normalize", app::streams, () -> {
            app.close();
            ops.close();
        }, app::start);
    }
}
