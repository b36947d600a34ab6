package nl.sobamo.ingest;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.ingest.iv3.Iv3BundleRoute;
import nl.sobamo.ingest.kwb.KwbBundleRoute;
import nl.sobamo.ingest.push.PushApi;
import nl.sobamo.ingest.push.PushApiConfig;
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
 * <p>{@link #main(String[])} runs the same routes standalone under camel-main, ingests both bundles once and exits.
 */
public final class IngestApplication implements AutoCloseable {

    private final IngestConfig config;
    private final MeterRegistry registry;
    private final CamelContext camel;
    private final ProducerTemplate template;

    private IngestApplication(IngestConfig config, MeterRegistry registry, CamelContext camel) {
        this.config = config;
        this.registry = registry;
        this.camel = camel;
        this.template = camel.createProducerTemplate();
    }

    /** Starts the app with its own {@link SimpleMeterRegistry}. */
    public static IngestApplication start(IngestConfig config) {
        return start(config, new SimpleMeterRegistry());
    }

    /** Starts the app; the counters go to {@code registry} (e.g. the runner's Prometheus registry). */
    public static IngestApplication start(IngestConfig config, MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        CamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("sobamo-ingest");
        // override, not initial: Camel would otherwise let env vars and system properties win over the typed
        // config the caller passed in (IngestConfig.load() already consulted those)
        camel.getPropertiesComponent().setOverrideProperties(config.toProperties());
        try {
            for (RoutesBuilder routes : IngestRoutes.all(registry, Clock.systemUTC())) {
                camel.addRoutes(routes);
            }
            camel.start();
        } catch (Exception e) {
            camel.stop();
            throw new IllegalStateException("Cannot start the ingest CamelContext", e);
        }
        return new IngestApplication(config, registry, camel);
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

    /**
     * Starts the municipal push API (and the file drop when {@code sobamo.push.drop-dir} is set) in its own
     * CamelContext with an embedded HTTP server; returns once it listens. Close the returned {@link PushApi} to stop
     * it. See docs/push-api.md.
     */
    public static PushApi startPushApi(PushApiConfig config) {
        return startPushApi(config, new SimpleMeterRegistry());
    }

    /** As {@link #startPushApi(PushApiConfig)}, counting into {@code registry}. */
    public static PushApi startPushApi(PushApiConfig config, MeterRegistry registry) {
        return PushApi.start(config, registry, Clock.systemUTC());
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

    public CamelContext camelContext() {
        return camel;
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
