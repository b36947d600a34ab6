package nl.sobamo.ops;

import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import nl.sobamo.config.Settings;
import nl.sobamo.lifecycle.ShutdownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service main needs to be observable, in one place: a {@link PrometheusMeterRegistry} with the JVM and
 * process metrics and a common {@code service} tag, an {@link OpsServer} ({@link OpsSettings}) with readiness
 * checks for Kafka and the registry (cached {@value #CHECK_CACHE_SECONDS} s), and optionally a Streams check and
 * a consumer-lag monitor. Usage in a main:
 * <pre>{@code
 * ServiceOps ops = ServiceOps.create("normalize", settings, bootstrapServers, registryUrl);
 * NormalizeApp app = new NormalizeApp(streamsSettings, ops.registry());
 * ops.streams(app::streams, applicationId).lag(applicationId, inputTopics).start();
 * }</pre>
 */
public final class ServiceOps implements AutoCloseable {

    public static final int CHECK_CACHE_SECONDS = 5;
    /** How often consumer lag is refreshed: {@code sobamo.ops.lag-interval}, default 30 s. */
    public static final String LAG_INTERVAL = "sobamo.ops.lag-interval";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(ServiceOps.class);

    private final String service;
    private final Settings settings;
    private final PrometheusMeterRegistry registry;
    private final ProcessMetrics processMetrics;
    private final Admin admin;
    private final OpsServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private ServiceOps(String service, Settings settings, PrometheusMeterRegistry registry, Admin admin, OpsServer server) {
        this.service = service;
        this.settings = settings;
        this.registry = registry;
        this.admin = admin;
        this.server = server;
        this.processMetrics = new ProcessMetrics(registry);
    }

    /**
     * @param service          the {@code service} tag on every metric: {@code ingest}, {@code push},
     *                         {@code normalize}, {@code aggregate}, {@code local}
     * @param bootstrapServers Kafka, for the readiness check and the lag monitor
     * @param registryUrl      the schema registry, for the readiness check
     */
    public static ServiceOps create(String service, Settings settings, String bootstrapServers, String registryUrl) {
        OpsSettings opsSettings = OpsSettings.from(settings);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(List.of(Tag.of("service", service)));
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "sobamo-" + service + "-ops",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis() * 2));
        OpsServer server = opsSettings.enabled() ? new OpsServer(opsSettings, registry) : null;
        ServiceOps ops = new ServiceOps(service, settings, registry, admin, server);
        ops.readiness(new KafkaHealthCheck(admin, CHECK_TIMEOUT));
        ops.readiness(RegistryHealthCheck.forUrl(registryUrl, CHECK_TIMEOUT));
        return ops;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Admin admin() {
        return admin;
    }

    /** Adds a readiness check, cached {@value #CHECK_CACHE_SECONDS} s. */
    public ServiceOps readiness(HealthCheck check) {
        if (server != null) {
            server.readiness(new CachedHealthCheck(check, Duration.ofSeconds(CHECK_CACHE_SECONDS), Clock.systemUTC()));
        }
        return this;
    }

    /** Readiness requires the Streams client RUNNING (not cached: it is a field read); binds its gauge. */
    public ServiceOps streams(Supplier<KafkaStreams> streams, String applicationId) {
        StreamsHealthCheck check = new StreamsHealthCheck(streams).bindTo(registry, applicationId);
        if (server != null) {
            server.readiness(check);
        }
        return this;
    }

    /** Monitors the lag of {@code group} over {@code topics} every {@value #LAG_INTERVAL} (default 30 s). */
    public ServiceOps lag(String group, List<String> topics) {
        Duration interval = settings.duration(LAG_INTERVAL, Duration.ofSeconds(30));
        closeables.add(new ConsumerLagMonitor(admin, group, topics, CHECK_TIMEOUT.multipliedBy(2), registry).start(interval));
        return this;
    }

    /** Starts serving; logs where. */
    public ServiceOps start() {
        if (server != null) {
            server.start();
            LOG.info("{}: ops endpoint on port {} (/metrics, /health/live, /health/ready)", service, server.port());
        } else {
            LOG.info("{}: ops endpoint off ({}=-1)", service, OpsSettings.PORT);
        }
        return this;
    }

    /**
     * Serves until the JVM is asked to stop (SIGTERM, Ctrl-C), then closes {@code running} and this: the end of every
     * long-running main. The service closes first, so it flushes while the ops endpoint still answers.
     */
    public void serveUntilShutdown(AutoCloseable running) throws InterruptedException {
        start();
        ShutdownLatch.closeOnShutdown("sobamo-" + service, () -> {
            try {
                running.close();
            } finally {
                close();
            }
        }).await();
    }

    public Optional<OpsServer> server() {
        return Optional.ofNullable(server);
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {}", c, e);
            }
        }
        if (server != null) {
            server.close();
        }
        admin.close(Duration.ofSeconds(5));
        processMetrics.close();
        registry.close();
    }
}
