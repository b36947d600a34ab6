package nl.sobamo.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.ingest.bundle.Iv3BundleRoute;
import nl.sobamo.ingest.bundle.KwbBundleRoute;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.ingest.pull.OpenDataRuntime;
import nl.sobamo.ingest.schedule.PullSchedule;
import nl.sobamo.ingest.schedule.ScheduledPullRoute;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;

/**
 * The ingest app embedded in another JVM (the deploy module's one-command runner): a started CamelContext with
 * the ingest routes and the config as Camel properties. Create the topics first; the run methods publish.
 *
 * <pre>{@code
 * try (IngestApplication ingest = IngestApplication.start(config, registry)) {
 *     IngestReport kwb = ingest.runBundledKwb();
 *     IngestReport iv3 = ingest.runBundledIv3();
 * }
 * }</pre>
 *
 * <p>Open-data pulls ({@code docs/ingest.md}): {@link #pull(String, String)} pulls one table,
 * {@link #pullConfigured()} every configured table of every configured source, incrementally (checkpoints on
 * {@code sobamo.ingest.checkpoints.v1}). In fixture mode the app reads recorded responses from the server named by
 * {@code sobamo.ingest.opendata.fixtures-url} (the local runner starts one), so {@link #runFixtures()} works offline:
 *
 * <pre>{@code
 * try (IngestApplication ingest = IngestApplication.start(config, OpenDataConfig.defaults(), registry)) {
 *     List<IngestReport> reports = ingest.runFixtures();
 * }
 * }</pre>
 *
 * <p>{@link #main(String[])} runs the same routes standalone under camel-main: without arguments it ingests both
 * bundles once and exits; {@code pull [options]} pulls the configured open data once ({@link IngestCli});
 * {@code serve [options]} stays up, pulls on a schedule and serves its ops endpoint (metrics, health).
 */
public final class IngestApplication implements AutoCloseable {

    private final IngestConfig config;
    private final OpenDataConfig openData;
    private final MeterRegistry registry;
    private final CamelContext camel;
    private final ProducerTemplate template;
    private final OpenDataRuntime runtime;

    private IngestApplication(IngestConfig config, OpenDataConfig openData, MeterRegistry registry, CamelContext camel,
                              OpenDataRuntime runtime) {
        this.config = config;
        this.openData = openData;
        this.registry = registry;
        this.camel = camel;
        this.template = camel.createProducerTemplate();
        this.runtime = runtime;
    }

    /** Starts the app with its own {@link SimpleMeterRegistry}. */
    public static IngestApplication start(IngestConfig config) {
        return start(config, new SimpleMeterRegistry());
    }

    /**
     * Starts the app; the counters go to {@code registry} (e.g. the runner's Prometheus registry). The open-data
     * settings come from the environment ({@link OpenDataConfig#load()}).
     */
    public static IngestApplication start(IngestConfig config, MeterRegistry registry) {
        return start(config, OpenDataConfig.load(), registry);
    }

    /** Starts the app with explicit open-data settings. */
    public static IngestApplication start(IngestConfig config, OpenDataConfig openData, MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(openData, "openData");
        Objects.requireNonNull(registry, "registry");
        OpenDataRuntime runtime = new OpenDataRuntime(config, openData, registry, Clock.systemUTC());
        CamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("sobamo-ingest");
        // override, not initial: Camel would otherwise let env vars and system properties win over the typed
        // config the caller passed in (IngestConfig.load() already consulted those)
        camel.getPropertiesComponent().setOverrideProperties(config.toProperties());
        try {
            for (RoutesBuilder routes : IngestRoutes.all(registry, Clock.systemUTC(), openData, runtime.services())) {
                camel.addRoutes(routes);
            }
            camel.start();
        } catch (Exception e) {
            camel.stop();
            runtime.close();
            throw new IllegalStateException("Cannot start the ingest CamelContext", e);
        }
        return new IngestApplication(config, openData, registry, camel, runtime);
    }

    /**
     * Pulls one table of an open-data source ({@code cbs-kwb}, {@code cbs-gebieden}, {@code iv3}, {@code rivm},
     * {@code leefbaarometer}); returns once every record, dead letter and the final checkpoint is acknowledged.
     *
     * @throws CamelExecutionException when the pull fails (a fetch failed after its retries, Kafka failed); the
     *                                 checkpoint then holds the last completed page, where the next pull resumes
     */
    public IngestReport pull(String source, String table) {
        if (!OpenDataConfig.ALL_SOURCES.contains(source)) {
            throw new IllegalArgumentException("unknown source " + source + ", known: " + OpenDataConfig.ALL_SOURCES);
        }
        return template.requestBody("direct:pull-" + source, Objects.requireNonNull(table, "table"),
                IngestReport.class);
    }

    /** Pulls every configured table of every configured source, in order; one report per table. */
    /** Adds the long-running mode's timer: {@link #pullConfigured()} on {@code schedule}, counted in {@code registry}. */
    public void schedulePulls(PullSchedule schedule) throws Exception {
        camel.addRoutes(new ScheduledPullRoute(schedule, this::pullConfigured, new IngestMetrics(registry)));
    }

    public List<IngestReport> pullConfigured() {
        List<IngestReport> reports = new ArrayList<>();
        for (String source : openData.sources()) {
            for (String table : openData.tables(source)) {
                reports.add(pull(source, table));
            }
        }
        return reports;
    }

    /**
     * The embedded demo's entry point: {@link #pullConfigured()} over the bundled recorded responses.
     *
     * @throws IllegalStateException when the app was started in live mode
     */
    public List<IngestReport> runFixtures() {
        if (openData.mode() != OpenDataConfig.Mode.FIXTURES) {
            throw new IllegalStateException(OpenDataConfig.MODE + " is " + openData.mode() + ", not fixtures");
        }
        return pullConfigured();
    }

    public OpenDataConfig openDataConfig() {
        return openData;
    }

    /**
     * Publishes the bundled CBS KWB extract; returns once Kafka acknowledged every record.
     *
     * @throws CamelExecutionException when loading, parsing or a send fails (nothing is reported then)
     */
    public IngestReport runBundledKwb() {
        return run(KwbBundleRoute.ENDPOINT, null);
    }

    /**
     * Publishes the bundled Iv3 accounts; returns once Kafka acknowledged every record.
     *
     * @throws CamelExecutionException when loading, parsing or a send fails (nothing is reported then)
     */
    public IngestReport runBundledIv3() {
        return run(Iv3BundleRoute.ENDPOINT, null);
    }

    /** Publishes another KWB extract ({@code classpath:} or {@code file:} URI) with the configured TableInfos. */
    public IngestReport runKwb(String resourceUri) {
        return run(KwbBundleRoute.ENDPOINT, Objects.requireNonNull(resourceUri, "resourceUri"));
    }

    /** Publishes another Iv3 analysedata CSV ({@code classpath:} or {@code file:} URI). */
    public IngestReport runIv3(String resourceUri) {
        return run(Iv3BundleRoute.ENDPOINT, Objects.requireNonNull(resourceUri, "resourceUri"));
    }

    private IngestReport run(String endpoint, String resourceUri) {
        return template.requestBody(endpoint, resourceUri, IngestReport.class);
    }

    public IngestConfig config() {
        return config;
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    /** Stops the routes and closes the Kafka producers (which flush). */
    @Override
    public void close() {
        try {
            template.close();
        } catch (Exception e) {
            // closing the context below is what matters; a template failing to close must not prevent it
        }
        camel.stop(); // stopping the context shuts down routes, producers and thread pools
        runtime.close();
    }

    /**
     * Standalone: camel-main with the same routes and config ({@link IngestConfig#load()}), ingests both bundles
     * once, then exits with 0, or 1 when a run failed. Counters go to a {@link SimpleMeterRegistry}: the standalone
     * run has no scrape endpoint.
     */
    public static void main(String[] args) throws Exception {
        System.exit(runStandalone(args));
    }

    /** {@link #main(String[])} without the exit, so it can be tested. */
    static int runStandalone(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("pull")) {
            return IngestCli.pull(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
        }
        if (args.length > 0 && args[0].equals("serve")) {
            return IngestCli.serve(java.util.Arrays.copyOfRange(args, 1, args.length), System.out);
        }
        // no main class: camel-main would then scan this package for RouteBuilders, and ours take constructor args
        Main main = new Main();
        main.setOverrideProperties(IngestConfig.load().toProperties());
        for (RoutesBuilder routes : IngestRoutes.all(new SimpleMeterRegistry(), Clock.systemUTC())) {
            main.configure().addRoutesBuilder(routes);
        }
        AtomicBoolean succeeded = new AtomicBoolean();
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:ingest-bundled?repeatCount=1").routeId("ingest-bundled-once")
                        .doTry()
                            .to(KwbBundleRoute.ENDPOINT)
                            .setBody(constant(null))
                            .to(Iv3BundleRoute.ENDPOINT)
                            .process(e -> succeeded.set(true))
                        .doFinally()
                            // one-shot: stop camel-main whether the runs worked or not (a failure is logged)
                            .process(e -> main.completed())
                        .end();
            }
        });
        int exitCode = main.run(args);
        return exitCode != 0 ? exitCode : succeeded.get() ? 0 : 1;
    }
}
