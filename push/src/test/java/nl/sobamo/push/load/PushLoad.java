package nl.sobamo.push.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.config.ConnectionSettings;
import nl.sobamo.push.PushApi;
import nl.sobamo.push.PushApiConfig;
import nl.sobamo.push.PushKafka;
import nl.sobamo.push.auth.ApiKeys;
import nl.sobamo.push.auth.PushKeyTool;
import nl.sobamo.push.validation.Municipalities;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.serde.SobamoAvroSerializer;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load program for the push API (a main, not a test; run {@code bin/sobamo-push-load}). Fires concurrent
 * {@code POST .../visitors} batches from many municipalities, each with its own key, at a local API and prints
 * accepted pushes/s, records/s and the HTTP latency (request sent to 202 received, i.e. including the Kafka acks)
 * as p50/p95/p99/max. Bounded: it stops after {@code --requests} or {@code --seconds}, whichever comes first, and
 * talks to loopback only.
 *
 * <p>Embedded (default): starts an in-JVM KRaft broker and the API with keys for {@code --municipalities}
 * municipalities, the registry serializer on an in-memory registry, and also measures a plain Kafka producer
 * sending the same RawRecords in the same run, so the API's overhead shows as a ratio (absolute numbers on a
 * shared 2-core machine are noisy).
 *
 * <p>External: {@code --url http://127.0.0.1:8095 --tokens FILE} with lines {@code GM#### <key>}.
 *
 * <p>What it cannot measure alone: "request to row visible in sobamo.tables.indicators.v1" needs normalize's push
 * mappings and the aggregate app running; with the embedded pipeline (deploy) running, the same numbers plus the
 * streams' commit interval (500 ms by default) bound that latency.
 */
public final class PushLoad {

    private PushLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int municipalities = Integer.parseInt(opts.getOrDefault("municipalities", "50"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "16"));
        int requests = Integer.parseInt(opts.getOrDefault("requests", "2000"));
        int batch = Integer.parseInt(opts.getOrDefault("batch", "10"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "60"));
        Path work = Files.createTempDirectory("sobamo-push-load");

        if (opts.containsKey("url")) {
            Map<String, String> tokens = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of(opts.get("tokens")))) {
                String[] p = line.trim().split("\\s+");
                if (p.length == 2) {
                    tokens.put(p[0], p[1]);
                }
            }
            Result r = fire(opts.get("url"), tokens, concurrency, requests, batch, Duration.ofSeconds(seconds));
            r.print(concurrency, batch);
            return;
        }

        try (PushKafka kafka = PushKafka.start()) {
            Map<String, String> tokens = new LinkedHashMap<>();
            Path keys = work.resolve("keys.txt");
            for (String code : Municipalities.bundled().codes().stream().limit(municipalities).toList()) {
                ApiKeys.NewKey key = ApiKeys.generate();
                PushKeyTool.append(keys, PushKeyTool.line(key.keyId(), code, key.hash()));
                tokens.put(code, key.token());
            }
            PushApiConfig config = PushApiConfig.from(Map.of(
                    ConnectionSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                    ConnectionSettings.REGISTRY_URL, "mock://push-load",
                    PushApiConfig.PORT, "0",
                    PushApiConfig.KEYS_FILE, keys.toString(),
                    PushApiConfig.RECEIPTS_FILE, work.resolve("receipts.jsonl").toString(),
                    PushApiConfig.RATE_LIMIT_PER_MINUTE, "1000000",
                    PushApiConfig.RATE_LIMIT_BURST, "1000000"));
            try (PushApi api = PushApi.start(config, new SimpleMeterRegistry(), Clock.systemUTC())) {
                System.out.printf(Locale.ROOT, "push API on %s, %d municipalities with a key, broker %s%n",
                        api.baseUrl(), tokens.size(), kafka.bootstrapServers());
                fire(api.baseUrl(), tokens, concurrency, Math.min(200, requests), batch, Duration.ofSeconds(30)); // warm-up
                Result result = fire(api.baseUrl(), tokens, concurrency, requests, batch, Duration.ofSeconds(seconds));
                result.print(concurrency, batch);
                double plain = plainProducer(kafka.bootstrapServers(), result.accepted.get() * (long) batch);
                System.out.printf(Locale.ROOT, "plain producer, same JVM and broker: %,.0f records/s (acks=all);"
                        + " push API records/s = %.3f of that%n", plain, result.recordsPerSecond(batch) / plain);
            }
        }
        System.out.println("Not measured here: request -> row in sobamo.tables.indicators.v1 (needs normalize's push"
                + " mappings and the aggregate app; run against the embedded pipeline when those exist).");
    }

    /** The outcome of one run. */
    static final class Result {
        final AtomicInteger accepted = new AtomicInteger();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final long[] latencies;
        final AtomicInteger count = new AtomicInteger();
        long elapsedNanos;

        Result(int capacity) {
            latencies = new long[capacity];
        }

        double recordsPerSecond(int batch) {
            return accepted.get() * (double) batch / (elapsedNanos / 1e9);
        }

        void print(int concurrency, int batch) {
            int n = count.get();
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            double secs = elapsedNanos / 1e9;
            System.out.printf(Locale.ROOT, "%d requests (%d concurrent, %d records each) in %.2f s; status %s%n", n,
                    concurrency, batch, secs, new TreeMap<>(statuses));
            System.out.printf(Locale.ROOT, "accepted pushes/s %.1f | records/s %.0f | HTTP latency ms p50 %.1f"
                            + " p95 %.1f p99 %.1f max %.1f%n", accepted.get() / secs, recordsPerSecond(batch),
                    pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), n == 0 ? 0 : sorted[n - 1] / 1e6);
        }

        private static double pct(long[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1; // nearest rank
            return sorted[Math.max(0, i)] / 1e6;
        }
    }

    static Result fire(String baseUrl, Map<String, String> tokens, int concurrency, int requests, int batch,
                       Duration limit) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> codes = new ArrayList<>(tokens.keySet());
        Result result = new Result(requests);
        AtomicLong sequence = new AtomicLong();
        long deadline = System.nanoTime() + limit.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long seq = sequence.getAndIncrement();
                    if (seq >= requests) {
                        return null;
                    }
                    String code = codes.get(ThreadLocalRandom.current().nextInt(codes.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/municipalities/"
                                    + code + "/visitors"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + tokens.get(code))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", "load-" + started + "-" + seq)
                            .POST(HttpRequest.BodyPublishers.ofString(body(code, seq, batch))).build();
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (java.io.IOException e) {
                        status = -1;
                    }
                    long took = System.nanoTime() - t0;
                    result.statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status == 202) {
                        result.accepted.incrementAndGet();
                    }
                    result.latencies[result.count.getAndIncrement()] = took;
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        result.elapsedNanos = System.nanoTime() - started;
        pool.shutdown();
        return result;
    }

    /** A batch of visitors records for distinct (made-up) facilities of the municipality. */
    static String body(String code, long seq, int batch) {
        StringBuilder b = new StringBuilder("[");
        int month = (int) (seq % 9) + 1;
        for (int i = 0; i < batch; i++) {
            int visits = 100 + (int) ((seq * 31 + i * 7) % 5000);
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"facilityId\":\"load-%d-%d\",\"facilityType\":\"buurthuis\",\"areaCode\":\"%s\","
                            + "\"periodStart\":\"2025-%02d-01\",\"periodEnd\":\"2025-%02d-28\",\"visits\":%d,"
                            + "\"uniqueVisitors\":%d,\"estimated\":true}",
                    seq % 1000, i, code, month, month, visits, visits / 3 + 2));
        }
        return b.append(']').toString();
    }

    /** Records/s of a plain producer (same serializer and durability) as the yardstick. */
    static double plainProducer(String bootstrap, long records) {
        long n = Math.max(1_000, records);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put("schema.registry.url", "mock://push-load");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SobamoAvroSerializer.class.getName());
        try (KafkaProducer<String, RawRecord> producer = new KafkaProducer<>(p)) {
            long started = System.nanoTime();
            for (long i = 0; i < n; i++) {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("facilityId", "plain-" + i);
                fields.put("visits", Long.toString(100 + i % 5000));
                RawRecord r = RawRecord.newBuilder().setRecordId("push/visitors/GM0166/plain-" + i).setSource("push")
                        .setDataset("visitors").setPeriod("2025").setAreaCode("GM0166").setFields(fields)
                        .setFetchedAt(Instant.now()).setUri("load").build();
                producer.send(new ProducerRecord<>(Topics.RAW_PUSH, r.getRecordId(), r));
            }
            producer.flush();
            return n / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            System.err.println("usage: [--municipalities 50] [--concurrency 16] [--requests 2000] [--batch 10]"
                    + " [--seconds 60] [--url http://127.0.0.1:8095 --tokens FILE]");
            System.exit(2);
        }
        return opts;
    }

}
