package nl.sobamo.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import nl.sobamo.aggregate.export.ExportTable;
import nl.sobamo.deploy.platform.EmbeddedPlatform;
import nl.sobamo.deploy.platform.PlatformConfig;
import nl.sobamo.deploy.platform.PlatformStartException;
import nl.sobamo.deploy.report.CsvTables;
import nl.sobamo.deploy.report.RunSummary;
import nl.sobamo.deploy.run.LocalPipeline;
import nl.sobamo.deploy.run.PipelineResult;
import nl.sobamo.normalize.stream.NormalizeMetrics;
import nl.sobamo.ops.OpsServer;
import nl.sobamo.ops.OpsSettings;
import nl.sobamo.ops.ProcessMetrics;
import nl.sobamo.reference.MunicipalityDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command runs everything on a laptop: embedded Kafka (KRaft) and Apicurio Registry, the ingest routes
 * over the bundled real data, the normalize and aggregate Streams apps; prints a summary, writes CSV, exits 0
 * (or stays up with {@code --stay-up}).
 */
public final class SobamoLocal {

    public static final String HEADLINE_INDICATOR = "iv3.lasten.6.1.per_inhabitant";
    public static final String HEADLINE_PERIOD = "2023";
    private static final Logger LOG = LoggerFactory.getLogger(SobamoLocal.class);

    private SobamoLocal() {
    }

    public static void main(String[] args) throws Exception {
        LocalRunOptions options;
        try {
            options = LocalRunOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LocalRunOptions.USAGE);
            return;
        }
        Properties overrides = new Properties();
        if (options.dataDir() != null) {
            overrides.put(PlatformConfig.DATA_DIR, options.dataDir().toString());
        }
        PlatformConfig platformConfig = PlatformConfig.fromEnvironment(overrides);
        EmbeddedPlatform platform = new EmbeddedPlatform(platformConfig);
        // the services' own ops endpoint, on the loopback interface: /metrics, /health/live, /health/ready
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.config().commonTags(List.of(Tag.of("service", "local")));
        ProcessMetrics processMetrics = new ProcessMetrics(meters);
        OpsServer metrics = new OpsServer(new OpsSettings("127.0.0.1", Integer.getInteger("sobamo.metrics.port", 0)),
                meters).start();
        CountDownLatch stopped = new CountDownLatch(1);
        LocalPipeline[] pipeline = new LocalPipeline[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (pipeline[0] != null) {
                pipeline[0].close();
            }
            platform.close();
            metrics.close();
            processMetrics.close();
            stopped.countDown();
        }, "sobamo-local-shutdown"));

        try {
            platform.start();
            // The Streams apps' local state is scratch: every run rebuilds it from the changelog topics the broker
            // keeps. State left by a run of an earlier version (another topology) would otherwise be opened as
            // this version's tasks, which Kafka Streams refuses (corrupted tasks, or worse).
            Path stateDir = platformConfig.dataDir().resolve("streams");
            deleteRecursively(stateDir);
            pipeline[0] = new LocalPipeline(platform.bootstrapServers(), platform.registryUrl(), stateDir, 3,
                    metrics.registry());
            PipelineResult result = run(pipeline[0], options);
            report(result, options.outputDir(), metrics.registry());
            exportFromQueryApi(pipeline[0], options.outputDir());
        } catch (PlatformStartException e) {
            // written for the person running it (what failed, what to do): no stack trace unless asked for
            LOG.error("sobamo-local could not start the platform: {}", e.getMessage());
            LOG.debug("Platform start failure", e);
            System.exit(1);
        } catch (Exception | Error e) {
            // exit so the shutdown hook stops the apps and the platform: their threads would keep the JVM alive
            LOG.error("sobamo-local failed: {}", e.toString(), e);
            System.exit(1);
        }

        if (options.stayUp()) {
            LocalPipeline.PushDemo push = pipeline[0].startPushApi(platformConfig.dataDir().resolve("push"), "GM0166");
            System.out.println();
            System.out.println("Municipal push API: " + push.baseUrl() + "  (OpenAPI " + push.baseUrl() + "/api/v1/openapi.json)");
            System.out.println("Demo key for " + push.municipality() + " Kampen (shown once): " + push.token());
            System.out.println("  curl -X POST " + push.baseUrl() + "/api/v1/municipalities/" + push.municipality()
                    + "/visitors -H 'Authorization: Bearer " + push.token() + "' -H 'Content-Type: application/json' \\");
            System.out.println("    -d '{\"facilityId\":\"bh-de-brug\",\"facilityType\":\"buurthuis\",\"areaCode\":\"GM0166\","
                    + "\"periodStart\":\"2025-01-01\",\"periodEnd\":\"2025-03-31\",\"visits\":4210,\"uniqueVisitors\":780}'");
            System.out.println("File drop: " + push.dropDir() + "/visitors-2025.csv");
            System.out.println("Staying up. Consume the tables with:");
            System.out.println("  bootstrap.servers   = " + platform.bootstrapServers());
            System.out.println("  schema.registry.url = " + platform.registryUrl());
            System.out.println("Prometheus metrics: " + metrics.url() + "/metrics");
            pipeline[0].queryUrl().ifPresent(url -> {
                System.out.println("Query API and profile page:");
                System.out.println("  " + url + "/web/profile.html?gemeente=GM0363");
                System.out.println("  " + url + "/api/v1/municipalities/GM0363/profile");
                System.out.println("  " + url + "/api/v1/export/benchmarks.csv");
            });
            System.out.println("Press Ctrl-C to stop.");
            stopped.await();
        } else {
            // the shutdown hook closes apps and platform in order
            System.exit(0);
        }
    }

    static PipelineResult run(LocalPipeline pipeline, LocalRunOptions options) throws InterruptedException {
        pipeline.provisionTopics();
        pipeline.startStreamsApps();
        var reports = pipeline.ingestBundledData();
        pipeline.awaitDrained(options.drainTimeout());
        return pipeline.snapshot(reports);
    }

    /** The tables CsvTables does not write (changes, freshness), as the query API exports them. */
    static void exportFromQueryApi(LocalPipeline pipeline, Path outputDir) throws IOException, InterruptedException {
        if (pipeline.queryUrl().isEmpty()) {
            return;
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String table : List.of("changes", "freshness")) {
            Path file = outputDir.resolve(table + ".csv");
            java.net.http.HttpResponse<Path> response = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(pipeline.queryUrl().get() + "/api/v1/export/" + table + ".csv")).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() == 200) {
                System.out.println("CSV table: " + file.toAbsolutePath());
            } else {
                LOG.warn("export of {} answered {}", table, response.statusCode());
            }
        }
    }

    static void report(PipelineResult result, Path outputDir, MeterRegistry meters) throws IOException {
        MunicipalityDirectory names = MunicipalityDirectory.loadDefault();
        RunSummary summary = new RunSummary(result.recordsPerTopic(), result.indicators(), result.benchmarks(),
                HEADLINE_INDICATOR, HEADLINE_PERIOD, code -> names.name(code).orElse(""));
        result.ingestReports().forEach(r -> System.out.println("ingest: " + r.summary()));
        summary.print(System.out);
        double in = meters.find(NormalizeMetrics.RECORDS_IN.name()).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
        System.out.printf(java.util.Locale.ROOT, "Normalize reconciliation: %.0f raw records in = %.0f observed + %.0f dead-lettered + %.0f skipped%n",
                in, count(meters, "observed"), count(meters, "dead_lettered"), count(meters, "skipped"));
        System.out.println(result.reconciliation());
        Files.createDirectories(outputDir);
        CsvTables csv = CsvTables.withBundledNames();
        Path indicators = csv.write(outputDir, ExportTable.INDICATORS, result.indicators().values());
        Path benchmarks = csv.write(outputDir, ExportTable.BENCHMARKS, result.benchmarks().values());
        System.out.println();
        System.out.println("CSV tables: " + indicators.toAbsolutePath() + ", " + benchmarks.toAbsolutePath());
        LOG.info("run complete");
    }

    private static double count(MeterRegistry meters, String outcome) {
        return meters.find(NormalizeMetrics.RECORDS.name()).tag("outcome", outcome).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
