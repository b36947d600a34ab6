package nl.sobamo.deploy.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.deploy.platform.EmbeddedPlatform;
import nl.sobamo.deploy.platform.PlatformConfig;
import nl.sobamo.deploy.run.LocalPipeline;
import nl.sobamo.push.auth.ApiKeys;
import nl.sobamo.push.auth.PushKeyTool;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.testkit.bench.Bench;
import org.awaitility.Awaitility;

/**
 * Measures the municipal push path end to end on one machine: HTTP request to the push API, raw topic, normalize,
 * aggregate, until the row is visible (committed) in {@code sobamo.tables.indicators.v1}. Real KRaft broker and
 * Apicurio registry ({@link EmbeddedPlatform}), the real Streams apps and push API ({@link LocalPipeline}).
 *
 * <p>Every push is a whole-year visitors record for its own (municipality, year), years {@value #FIRST_YEAR} up to
 * last year, so every push produces its own table row and its latency can be read off individually. Pushes go
 * round-robin over as many municipalities as needed (at most the ~320 without a boundary change), one API key each; the push API limits each
 * key to 120 requests/minute (burst 20), so beyond ~19 pushes per municipality in a short run 429s are expected and
 * counted as rejected.
 *
 * <p>Options: {@code --pushes N} (2000), {@code --concurrency C} (8), {@code --data-dir DIR} (a temporary
 * directory, removed afterwards), {@code --wait-seconds S} (120, how long to wait for rows to become visible).
 */
public final class PushEndToEndLoad {

    /** Warm-up pushes use this year; measured pushes the years after it. */
    static final int FIRST_YEAR = 2000;
    private static final int PARTITIONS = 3;
    private static final Duration KEY_ACTIVATION_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final Map<String, String> tokens;
    private final TableWatcher watcher;

    private PushEndToEndLoad(String baseUrl, Map<String, String> tokens, TableWatcher watcher) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.watcher = watcher;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Bench.options(args);
        run(Integer.parseInt(opts.getOrDefault("pushes", "2000")), Integer.parseInt(opts.getOrDefault("concurrency", "8")),
                Duration.ofSeconds(Long.parseLong(opts.getOrDefault("wait-seconds", "120"))),
                opts.containsKey("data-dir") ? Path.of(opts.get("data-dir")) : null, opts.containsKey("bundled"));
        System.exit(0); // client libraries may leave non-daemon threads behind; everything is closed by now
    }

    /**
     * What one run measured: accepted pushes/s, end-to-end latencies (request -> row committed in the indicator table,
     * ms), and, with the bundled run, how long it took until drained and the peak resident memory of the platform
     * (this JVM plus the Apicurio child process) sampled during it and the pushes.
     */
    public record Outcome(int accepted, double pushesPerS, List<Long> httpMs, List<Long> endToEndMs, long missing,
                          double bundledSeconds, double peakRssMb) {
    }

    /**
     * @param dataDir  where the platform keeps its data; null: a temporary directory, removed afterwards
     * @param bundled  first run the bundled national data through the platform (as {@code bin/sobamo-local} does)
     */
    public static Outcome run(int pushes, int concurrency, Duration wait, Path dataDir, boolean bundled) throws Exception {
        boolean tempDir = dataDir == null;
        if (tempDir) {
            dataDir = Files.createTempDirectory("sobamo-e2e-load");
        }
        List<String> allCodes = MunicipalityDirectory.loadDefault().codes().stream().sorted().toList();
        int lastYear = LocalDate.now().getYear() - 1; // whole years only: a period must not end in the future
        int municipalities = Math.min(allCodes.size(), Math.max(1, pushes));
        int capacity = municipalities * (lastYear - FIRST_YEAR);
        if (pushes < 1 || concurrency < 1 || pushes > capacity) {
            throw new IllegalArgumentException("--pushes must be 1.." + capacity + " (one per municipality and year "
                    + (FIRST_YEAR + 1) + "-" + lastYear + ") and --concurrency at least 1");
        }
        List<String> codes = allCodes.subList(0, municipalities);
        System.out.printf(Locale.ROOT, "push end-to-end load: %d pushes, %d concurrent, %d municipalities, data in %s%n",
                pushes, concurrency, municipalities, dataDir);

        try (EmbeddedPlatform platform = new EmbeddedPlatform(PlatformConfig.defaults(dataDir)).start();
             RssSampler rss = new RssSampler(platform.registry().pid());
             LocalPipeline pipeline = new LocalPipeline(platform.bootstrapServers(), platform.registryUrl(),
                     dataDir.resolve("streams"), PARTITIONS, new SimpleMeterRegistry())) {
            pipeline.provisionTopics();
            pipeline.startStreamsApps();
            double bundledSeconds = -1;
            if (bundled) {
                long t0 = System.nanoTime();
                pipeline.ingestBundledData();
                pipeline.awaitDrained(Duration.ofMinutes(10));
                bundledSeconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "bundled run: ingested and drained in %.1f s, peak RSS so far %.0f MB%n",
                        bundledSeconds, rss.peakMb());
            }
            Path pushDir = dataDir.resolve("push");
            // keys written before the API starts, so it loads them all at once; startPushApi appends its own demo key
            Map<String, String> tokens = writeKeys(pushDir.resolve("push-keys.txt"), codes);
            LocalPipeline.PushDemo api = pipeline.startPushApi(pushDir, codes.get(0));
            try (TableWatcher watcher = new TableWatcher(platform.bootstrapServers(), platform.registryUrl())) {
                PushEndToEndLoad load = new PushEndToEndLoad(api.baseUrl(), tokens, watcher);
                load.warmUp(codes, wait);
                Result result = load.fire(plans(codes, pushes), concurrency);
                long missing = watcher.awaitVisible(result.acceptedIds(), wait);
                List<Long> endToEnd = result.print(watcher, missing);
                System.out.printf(Locale.ROOT, "peak RSS (this JVM + Apicurio): %.0f MB%n", rss.peakMb());
                return new Outcome(result.sentAt.size(), result.sentAt.size() / (result.firingNanos / 1e9),
                        result.http.millis(), endToEnd, missing, bundledSeconds, rss.peakMb());
            }
        } finally {
            if (tempDir) {
                deleteQuietly(dataDir);
            }
        }
    }

    /** Samples VmRSS of this JVM plus the registry child every 250 ms on a daemon thread; keeps the peak. */
    static final class RssSampler implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler");
            t.setDaemon(true);
            return t;
        });
        private final long childPid;
        private volatile double peak;

        RssSampler(long childPid) {
            this.childPid = childPid;
            timer.scheduleAtFixedRate(this::sample, 0, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        private void sample() {
            double now = Bench.ownRssMb() + (childPid > 0 ? Bench.rssMb(childPid) : 0);
            if (now > peak) {
                peak = now;
            }
        }

        double peakMb() {
            sample();
            return peak;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** One key per municipality, appended to the API's key file; returns municipality -> bearer token. */
    static Map<String, String> writeKeys(Path keyFile, List<String> codes) throws IOException {
        Files.createDirectories(keyFile.getParent());
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String code : codes) {
            ApiKeys.NewKey key = ApiKeys.generate();
            PushKeyTool.append(keyFile, PushKeyTool.line(key.keyId(), code, key.hash()));
            tokens.put(code, key.token());
        }
        return tokens;
    }

    /** Measured pushes: round-robin over the municipalities, the next year each round, so no row is shared. */
    static List<PushPlan> plans(List<String> codes, int pushes) {
        List<PushPlan> plans = new ArrayList<>(pushes);
        for (int i = 0; i < pushes; i++) {
            plans.add(new PushPlan(codes.get(i % codes.size()), FIRST_YEAR + 1 + i / codes.size(), 1_000 + i));
        }
        return plans;
    }

    /**
     * One push per municipality (year {@value #FIRST_YEAR}): checks each key is active (retrying a 401 while the key
     * file is picked up), warms the JIT, connections and Streams tasks, and waits for those rows, so the measured
     * run starts from an idle, warmed-up pipeline.
     */
    private void warmUp(List<String> codes, Duration wait) throws Exception {
        long started = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (String code : codes) {
            PushPlan push = new PushPlan(code, FIRST_YEAR, 999);
            watcher.expect(push);
            // the API re-reads a changed key file at most every ~2 s: a fresh key may answer 401 for a moment
            HttpResponse<String> response = Awaitility.await().atMost(KEY_ACTIVATION_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200)).pollDelay(Duration.ZERO)
                    .until(() -> send(push), r -> r.statusCode() != 401);
            if (response.statusCode() != 202) {
                throw new IllegalStateException("warm-up push for " + code + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            ids.add(push.recordId());
        }
        long missing = watcher.awaitVisible(ids, wait);
        System.out.printf(Locale.ROOT, "warm-up: %d pushes, %d visible in the table after %.1f s%n", ids.size(),
                ids.size() - missing, (System.nanoTime() - started) / 1e9);
        if (missing > 0) {
            // report, but measure anyway: the measured pushes have their own counts of what never became visible
            System.out.printf(Locale.ROOT, "warm-up: never visible %s; push.visits rows matching no push: %s%n",
                    ids.stream().filter(id -> watcher.firstSeenNanos(id) == null).limit(10).toList(),
                    watcher.unmatchedRows());
        }
    }

    /** Fires the pushes from {@code concurrency} threads, each taking the next push as soon as its last one returned. */
    private Result fire(List<PushPlan> plans, int concurrency) throws Exception {
        Result result = new Result(plans.size(), concurrency);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plans.size(); i = next.getAndIncrement()) {
                        pushOne(plans.get(i), result);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        result.firingNanos = System.nanoTime() - started;
        return result;
    }

    private void pushOne(PushPlan push, Result result) {
        watcher.expect(push);
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = send(push);
            long answered = System.nanoTime();
            result.statuses.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
            if (response.statusCode() == 202) {
                if (!receiptNames(response.body(), push.recordId())) {
                    result.receiptMismatches.incrementAndGet();
                }
                result.sentAt.put(push.recordId(), sent);
                result.http.record(answered - sent);
            }
        } catch (IOException e) {
            result.statuses.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<String> send(PushPlan push) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + push.path()))
                .header("Authorization", "Bearer " + tokens.get(push.municipality()))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(push.body()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The receipt must name the record id we derived, else the table matching would be looking for the wrong row. */
    private static boolean receiptNames(String receipt, String recordId) {
        try {
            for (JsonNode id : JSON.readTree(receipt).path("recordIds")) {
                if (id.asText().equals(recordId)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** What the firing phase produced; end-to-end latencies are derived from the watcher afterwards. */
    private static final class Result {
        final int pushes;
        final int concurrency;
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        final Map<String, Integer> statuses = new ConcurrentSkipListMap<>();
        final LatencyRecorder http = new LatencyRecorder();
        final AtomicLong receiptMismatches = new AtomicLong();
        long firingNanos;

        Result(int pushes, int concurrency) {
            this.pushes = pushes;
            this.concurrency = concurrency;
        }

        List<String> acceptedIds() {
            return List.copyOf(sentAt.keySet());
        }

        List<Long> print(TableWatcher watcher, long missing) {
            LatencyRecorder endToEnd = new LatencyRecorder();
            sentAt.forEach((id, sent) -> {
                Long seen = watcher.firstSeenNanos(id);
                if (seen != null) {
                    endToEnd.record(seen - sent);
                }
            });
            int accepted = sentAt.size();
            double seconds = firingNanos / 1e9;
            System.out.printf(Locale.ROOT, "pushes sent:          %d (%d concurrent), statuses %s%n", pushes, concurrency,
                    statuses);
            System.out.printf(Locale.ROOT, "accepted (202):       %d%n", accepted);
            System.out.printf(Locale.ROOT, "rejected:             %d%n", pushes - accepted);
            System.out.printf(Locale.ROOT, "firing phase:         %.2f s -> %.1f accepted pushes/s%n", seconds,
                    accepted / seconds);
            System.out.printf(Locale.ROOT, "HTTP latency:         %s  (request sent -> 202 received)%n", http.summary());
            System.out.printf(Locale.ROOT, "end-to-end latency:   %s  (request sent -> row committed in the table)%n",
                    endToEnd.summary());
            System.out.printf(Locale.ROOT, "never visible:        %d of %d accepted%n", missing, accepted);
            if (missing > 0) {
                System.out.printf(Locale.ROOT, "  e.g. %s; push.visits rows matching no push: %s%n", sentAt.keySet().stream()
                        .filter(id -> watcher.firstSeenNanos(id) == null).limit(10).toList(), watcher.unmatchedRows());
            }
            if (receiptMismatches.get() > 0) {
                System.out.printf(Locale.ROOT, "receipts without the expected record id: %d%n", receiptMismatches.get());
            }
            return endToEnd.millis();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
