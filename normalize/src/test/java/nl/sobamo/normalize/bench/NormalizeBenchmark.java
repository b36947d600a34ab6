package nl.sobamo.normalize.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.normalize.app.NormalizeApp;
import nl.sobamo.normalize.fixtures.NationalData;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.serde.AvroSerdes;
import nl.sobamo.testkit.bench.Bench;
import nl.sobamo.testkit.kafka.TestKafkaCluster;
import nl.sobamo.topics.Source;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;

/**
 * Benchmark program (not a test): the normalize app alone (exactly-once v2, the real catalog and harmonizer) on an
 * in-JVM KRaft broker. The bundled national raw records (KWB 2024 regions and Iv3 2023 accounts through the ingest
 * parsers), repeated under new record ids up to {@code --raw-records}, are produced to the raw topics while the app
 * runs; the time from the first record sent until the app has committed all of its input is compared with a plain
 * producer sending the same records (same serializer, acks=all) in the same run.
 *
 * <p>{@code NormalizeBenchmark [--raw-records=100000] [--partitions=3] [--commit-ms=500]}
 */
public final class NormalizeBenchmark {

    private static final String APP_ID = "sobamo-normalize-bench";

    /** Raw records/s through normalize (produce .. all committed) and of the plain producer, same records. */
    public record Result(int rawRecords, double seconds, double baselineRecordsPerS) {

        public double recordsPerS() {
            return rawRecords / seconds;
        }

        public double ratio() {
            return recordsPerS() / baselineRecordsPerS;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Bench.options(args);
        run(Integer.parseInt(o.getOrDefault("raw-records", "100000")), Integer.parseInt(o.getOrDefault("partitions", "3")),
                Integer.parseInt(o.getOrDefault("commit-ms", Long.toString(StreamsSettings.DEFAULT_COMMIT_INTERVAL.toMillis()))),
                Integer.parseInt(o.getOrDefault("threads", "1")));
    }

    public static Result run(int count, int partitions, int commitMs, int threads) throws Exception {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "nl.sobamo");
        List<RawRecord> national = new ArrayList<>(NationalData.kwb2024());
        national.addAll(NationalData.iv3_2023());
        List<RawRecord> records = new ArrayList<>(count);
        for (int i = 0; records.size() < count; i++) {
            RawRecord r = national.get(i % national.size());
            records.add(RawRecord.newBuilder(r).setRecordId(r.getRecordId() + "#" + i / national.size()).build());
        }
        List<NewTopic> topics = new ArrayList<>();
        Topics.RAW_TOPICS.forEach(t -> topics.add(TestKafkaCluster.topic(t, partitions)));
        topics.add(TestKafkaCluster.topic(Topics.OBSERVATIONS, partitions));
        topics.add(TestKafkaCluster.topic(Topics.DLQ_NORMALIZE, 1));
        topics.add(TestKafkaCluster.topic("bench.baseline", partitions));
        topics.add(TestKafkaCluster.compactedTopic(Topics.REFERENCE_AREAS, 1));
        topics.add(TestKafkaCluster.compactedTopic(Topics.REFERENCE_INDICATORS, 1));
        System.out.printf(Locale.ROOT, "normalize: %,d raw records (%d national records repeated), %d partitions, %d stream "
                + "thread(s), commit %d ms%n", count, national.size(), partitions, threads, commitMs);
        String registry = "mock://normalize-bench-" + System.nanoTime();
        try (TestKafkaCluster cluster = TestKafkaCluster.start(topics)) {
            Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
                    ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
            var serializer = AvroSerdes.specific(RawRecord.class, registry, false).serializer();
            double baseline;
            double baselineCpuMs;
            try (KafkaProducer<String, RawRecord> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer)) {
                send(producer, records, r -> "bench.baseline"); // warm-up: a whole untimed round (20,000 records left it still speeding up)
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                send(producer, records, r -> "bench.baseline");
                baseline = count / ((System.nanoTime() - t0) / 1e9);
                baselineCpuMs = (processCpuNanos() - cpu0) / 1e6;
            }
            System.out.printf(Locale.ROOT, "baseline  plain producer (Avro, acks=all): %,.0f raw records/s, process CPU %.1f ms "
                    + "per 1,000 raw records%n", baseline, baselineCpuMs * 1000 / count);

            StreamsSettings settings = new StreamsSettings(APP_ID, cluster.bootstrapServers(), registry,
                    Files.createTempDirectory("normalize-bench"), Duration.ofMillis(commitMs), 16L * 1024 * 1024, 1, threads);
            try (NormalizeApp app = new NormalizeApp(settings, new SimpleMeterRegistry(), false);
                 Admin admin = cluster.admin()) {
                app.start();
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> app.streams().state() == KafkaStreams.State.RUNNING);
                Predicate<String> inputs = t -> Topics.RAW_TOPICS.contains(t) || (t.startsWith(APP_ID + "-") && t.endsWith("-repartition"));
                // warm-up, as for the plain producer: the same records once through normalize, untimed (the same
                // record ids, so the measured round re-maps them as a replay would)
                sendAndDrain(app, admin, producerConfig, serializer, records, inputs);
                long cpu0 = processCpuNanos();
                long appCpu0 = appThreadsCpuNanos();
                long t0 = System.nanoTime();
                sendAndDrain(app, admin, producerConfig, serializer, records, inputs);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpuMs = (processCpuNanos() - cpu0) / 1e6;
                double appCpuMs = (appThreadsCpuNanos() - appCpu0) / 1e6;
                Map<String, Long> out = Bench.endOffsets(admin, List.of(Topics.OBSERVATIONS, Topics.DLQ_NORMALIZE));
                Result result = new Result(count, seconds, baseline);
                System.out.printf(Locale.ROOT, "normalize: %,d raw records committed in %.1f s = %,.0f raw records/s (%.2f of the "
                        + "plain producer); output offsets %s%n", count, seconds, result.recordsPerS(), result.ratio(), out);
                // CPU per record is what the other processes on a shared machine do not change: the rates do
                System.out.printf(Locale.ROOT, "normalize: process CPU %.1f ms per 1,000 raw records (plain producer %.1f ms): "
                        + "CPU ratio %.2f; the app's stream and producer threads %.1f ms%n", cpuMs * 1000 / count,
                        baselineCpuMs * 1000 / count, baselineCpuMs / cpuMs, appCpuMs * 1000 / count);
                return result;
            }
        }
    }

    /** Sends the records to their raw topics and waits until normalize has committed all its input. */
    private static void sendAndDrain(NormalizeApp app, Admin admin, Map<String, Object> producerConfig,
                                     org.apache.kafka.common.serialization.Serializer<RawRecord> serializer,
                                     List<RawRecord> records, Predicate<String> inputs) throws Exception {
        try (KafkaProducer<String, RawRecord> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer)) {
            send(producer, records, r -> Source.byId(r.getSource()).orElseThrow().rawTopic());
        }
        Awaitility.await().forever().pollInterval(Duration.ofMillis(50)).until(() -> {
            if (app.streams().state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("normalize stopped: " + app.streams().state());
            }
            return Bench.committedLag(admin, APP_ID, inputs) == 0;
        });
    }

    /** CPU time of this JVM (broker, producers and the app run in it), all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of the app's own threads (stream threads and their producers' network threads). */
    private static long appThreadsCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(APP_ID + "-")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private static void send(KafkaProducer<String, RawRecord> producer, List<RawRecord> records,
                             java.util.function.Function<RawRecord, String> topic) {
        for (RawRecord r : records) {
            producer.send(new ProducerRecord<>(topic.apply(r), r.getRecordId(), r));
        }
        producer.flush();
    }

    private NormalizeBenchmark() {
    }
}
