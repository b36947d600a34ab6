package nl.sobamo.aggregate.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import nl.sobamo.aggregate.app.AggregateApp;
import nl.sobamo.aggregate.app.QueryApiSettings;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorKind;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.SourceRef;
import nl.sobamo.schemas.Sphere;
import nl.sobamo.testkit.kafka.TestKafkaCluster;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;

/**
 * Benchmark program (not a test): N synthetic observations (342 municipalities x indicators x years) through the
 * real aggregate app (KafkaStreams, exactly-once v2) on an in-JVM KRaft broker (KafkaClusterTestKit), with the
 * in-JVM mock schema registry (no Apicurio: registry lookups are cached after the first record anyway).
 *
 * <p>Prints: a plain-producer baseline (the same Avro observations to a plain topic), end-to-end observations/s
 * (first observation sent .. last table record committed, including the positions step), the ratio, and the
 * latency of single updates (one observation sent .. its indicator row, with positions, readable on the table
 * topic by a read_committed consumer; and its national benchmark row).
 *
 * <p>Run with {@code aggregate/bin/benchmark [--observations=1000000] [--years=10] [--partitions=2]
 * [--commit-ms=500] [--interval-ms=500] [--cache-mb=64] [--samples=15] [--order=municipality|indicator]}.
 */
public final class AggregateBenchmark {

    static final int MUNICIPALITIES = 342;
    static final Instant FETCHED = Instant.parse("2025-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        long n = Long.parseLong(a.getOrDefault("observations", "1000000"));
        int years = Integer.parseInt(a.getOrDefault("years", "10"));
        int partitions = Integer.parseInt(a.getOrDefault("partitions", "2"));
        int commitMs = Integer.parseInt(a.getOrDefault("commit-ms", "500"));
        int intervalMs = Integer.parseInt(a.getOrDefault("interval-ms", "500"));
        int budgetMs = Integer.parseInt(a.getOrDefault("budget-ms", "200"));
        long cacheMb = Long.parseLong(a.getOrDefault("cache-mb", "64"));
        int samples = Integer.parseInt(a.getOrDefault("samples", "15"));
        boolean byIndicator = "indicator".equals(a.get("order"));
        int indicators = (int) Math.ceil((double) n / (MUNICIPALITIES * (long) years));
        Workload w = new Workload(indicators, years, n, byIndicator);

        System.out.printf(Locale.ROOT, "workload: %,d observations = %d municipalities x %d indicators x %d years (%s order), "
                        + "%d partitions, commit %d ms, position interval %d ms (budget %d ms), cache %d MB, %d cores%n",
                n, MUNICIPALITIES, indicators, years, byIndicator ? "indicator" : "municipality", partitions, commitMs,
                intervalMs, budgetMs, cacheMb, Runtime.getRuntime().availableProcessors());
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "nl.sobamo");
        Path stateDir = Files.createTempDirectory("sobamo-bench");
        String registry = "mock://bench-" + System.nanoTime();
        AggregateSerdes serdes = AggregateSerdes.forRegistry(registry);

        try (TestKafkaCluster cluster = TestKafkaCluster.start(PipelineTopics.of(partitions, "bench.baseline"))) {
            Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
                    ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");

            // 1. baseline: the same records, plain producer, plain topic
            double baseline;
            try (KafkaProducer<MunicipalitySphereKey, Observation> producer = new KafkaProducer<>(producerConfig,
                    serdes.observationKey().serializer(), serdes.observation().serializer())) {
                long t0 = System.nanoTime();
                w.forEach(o -> producer.send(new ProducerRecord<>("bench.baseline", key(o), o)));
                producer.flush();
                baseline = n / seconds(t0);
            }
            System.out.printf(Locale.ROOT, "baseline  plain producer (Avro, acks=all, lz4): %,.0f observations/s%n", baseline);

            // 2. the aggregate app, reference first, then the observations
            try (KafkaProducer<String, AreaReference> refs = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    serdes.areaReference().serializer())) {
                String[] sizes = {"<20k", "20-50k", "50-100k", "100-250k", ">250k"};
                for (int m = 0; m < MUNICIPALITIES; m++) {
                    String code = code(m);
                    refs.send(new ProducerRecord<>(Topics.REFERENCE_AREAS, code, AreaReference.newBuilder().setCode(code)
                            .setLevel("GM").setSizeClass(sizes[m % 5]).setUrbanity("U" + (m % 5 + 1)).setProvince("PV" + (20 + m % 12))
                            .build()));
                }
            }
            StreamsSettings settings = new StreamsSettings("sobamo-aggregate-bench", cluster.bootstrapServers(), registry,
                    stateDir, Duration.ofMillis(commitMs), cacheMb * 1024 * 1024, 1, 1);
            AggregateConfig config = AggregateConfig.defaults().withPositionInterval(Duration.ofMillis(intervalMs))
                    .withPositionBudget(Duration.ofMillis(budgetMs));
            try (AggregateApp app = new AggregateApp(settings, config, QueryApiSettings.DISABLED, new SimpleMeterRegistry())) {
                app.start();
                awaitRunning(app.streams());
                long t0 = System.nanoTime();
                long wallStart = System.currentTimeMillis();
                try (KafkaProducer<MunicipalitySphereKey, Observation> producer = new KafkaProducer<>(producerConfig,
                        serdes.observationKey().serializer(), serdes.observation().serializer())) {
                    w.forEach(o -> producer.send(new ProducerRecord<>(Topics.OBSERVATIONS, key(o), o)));
                    producer.flush();
                }
                double produceSeconds = seconds(t0);
                try (Admin admin = cluster.admin()) {
                    long lastOutput = awaitQuiet(admin, settings.applicationId(), app.streams(), commitMs + intervalMs);
                    double e2e = (lastOutput - wallStart) / 1000.0;
                    Map<String, Long> outputs = endOffsets(admin, PipelineTopics.tableTopics());
                    System.out.printf(Locale.ROOT, "producing into the observation topic took %.1f s (%,.0f/s)%n",
                            produceSeconds, n / produceSeconds);
                    System.out.printf(Locale.ROOT, "end-to-end: %,d observations into the tables in %.1f s = %,.0f observations/s "
                            + "(%.2f of the plain-producer baseline)%n", n, e2e, n / e2e, n / e2e / baseline);
                    System.out.println("table topic offsets (records incl. transaction markers): " + outputs);
                }

                // 3. single-update latency
                List<Long> rowLatencies = new ArrayList<>();
                List<Long> benchLatencies = new ArrayList<>();
                try (KafkaProducer<MunicipalitySphereKey, Observation> producer = new KafkaProducer<>(producerConfig,
                        serdes.observationKey().serializer(), serdes.observation().serializer());
                     KafkaConsumer<byte[], byte[]> consumer = tail(cluster.bootstrapServers())) {
                    var keyDeserializer = serdes.indicatorKey().deserializer();
                    var valueDeserializer = serdes.indicatorValue().deserializer();
                    var benchKeyDeserializer = serdes.benchmarkKey().deserializer();
                    Random random = new Random(11);
                    for (int i = 0; i < samples; i++) {
                        int m = random.nextInt(MUNICIPALITIES);
                        double value = 1_000_000 + i + random.nextDouble();
                        Observation o = w.observation(m, w.indicatorId(5), w.firstYear + years - 1, value);
                        long t0u = System.nanoTime();
                        producer.send(new ProducerRecord<>(Topics.OBSERVATIONS, key(o), o)).get();
                        long rowAt = -1;
                        long benchAt = -1;
                        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                        while ((rowAt < 0 || benchAt < 0) && System.nanoTime() < deadline) {
                            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                                if (r.topic().equals(Topics.TABLE_INDICATORS) && r.value() != null) {
                                    IndicatorKey k = keyDeserializer.deserialize(r.topic(), r.key());
                                    IndicatorValue v = valueDeserializer.deserialize(r.topic(), r.value());
                                    if (k.getMunicipalityCode().equals(o.getMunicipalityCode()) && v.getValue() != null
                                            && v.getValue() == value && v.getPercentileRankNational() != null) {
                                        rowAt = System.nanoTime();
                                    }
                                } else if (r.topic().equals(Topics.TABLE_BENCHMARKS) && r.value() != null) {
                                    var bk = benchKeyDeserializer.deserialize(r.topic(), r.key());
                                    if (bk.getIndicatorId().equals(o.getIndicatorId()) && bk.getPeriod().equals(o.getPeriod())
                                            && bk.getGroupType().equals("national")) {
                                        benchAt = System.nanoTime();
                                    }
                                }
                            }
                        }
                        if (rowAt > 0) {
                            rowLatencies.add((rowAt - t0u) / 1_000_000);
                        }
                        if (benchAt > 0) {
                            benchLatencies.add((benchAt - t0u) / 1_000_000);
                        }
                    }
                }
                System.out.println("single update -> its indicator row with positions, ms: " + summary(rowLatencies));
                System.out.println("single update -> national benchmark row, ms:          " + summary(benchLatencies));
            }
        }
    }

    /** Deterministic synthetic observations: values differ by municipality, indicator and year. */
    static final class Workload {
        final int indicators;
        final int years;
        final long n;
        final boolean byIndicator;
        final int firstYear;
        final Sphere[] spheres = {Sphere.PERSONAL, Sphere.COMMUNAL, Sphere.INSTITUTIONAL};

        Workload(int indicators, int years, long n, boolean byIndicator) {
            this.indicators = indicators;
            this.years = years;
            this.n = n;
            this.byIndicator = byIndicator;
            this.firstYear = 2024 - years;
        }

        /** The first three feed the derived per-inhabitant and share-of-total indicators. */
        String indicatorId(int i) {
            return switch (i) {
                case 0 -> "population.inhabitants";
                case 1 -> "iv3.lasten.6.1";
                case 2 -> "iv3.lasten.total";
                default -> String.format("bench.i%03d", i);
            };
        }

        void forEach(java.util.function.Consumer<Observation> sink) {
            long count = 0;
            for (int y = 0; y < years; y++) {
                for (int outer = 0; outer < (byIndicator ? indicators : MUNICIPALITIES); outer++) {
                    for (int inner = 0; inner < (byIndicator ? MUNICIPALITIES : indicators); inner++) {
                        if (count++ >= n) {
                            return;
                        }
                        int m = byIndicator ? inner : outer;
                        int i = byIndicator ? outer : inner;
                        double value = switch (i) {
                            case 0 -> 5_000 + (m * 7919L) % 300_000;
                            case 1 -> 1_000_000 + ((m * 31L + y * 17L) % 997) * 10_000;
                            case 2 -> 100_000_000 + ((m * 13L + y) % 991) * 1_000_000;
                            default -> ((m * 131L + i * 31L + y * 7L) % 1000) / 10.0;
                        };
                        sink.accept(observation(m, indicatorId(i), firstYear + y, value));
                    }
                }
            }
        }

        Observation observation(int m, String indicatorId, int year, double value) {
            String code = code(m);
            String period = Integer.toString(year);
            boolean context = indicatorId.equals("population.inhabitants") || indicatorId.equals("iv3.lasten.total");
            Sphere sphere = context ? Sphere.CONTEXT : indicatorId.startsWith("iv3") ? Sphere.INSTITUTIONAL
                    : spheres[Math.abs(indicatorId.hashCode()) % 3];
            String source = indicatorId.startsWith("bench") ? "bench" : "iv3";
            String id = indicatorId + "|" + code + "|" + period + "|" + source;
            return Observation.newBuilder().setObservationId(id).setIndicatorId(indicatorId).setMunicipalityCode(code)
                    .setAreaCode(code).setSphere(sphere).setIngredient(context ? Ingredient.CONTEXT : Ingredient.OUTPUT)
                    .setKind(IndicatorKind.OBJECTIVE).setPeriod(period).setValue(value)
                    .setUnit(indicatorId.equals("population.inhabitants") ? "COUNT" : "EUR")
                    .setSource(SourceRef.newBuilder().setSource(source).setDataset(source + "-bench").setPeriod(period)
                            .setSourceRecordId(source + "/" + code + "/" + period).setFetchedAt(FETCHED).setObservationId(id).build())
                    .setCatalogVersion("bench").setIngestedAt(FETCHED).build();
        }
    }

    static String code(int m) {
        return String.format("GM%04d", m + 1);
    }

    static MunicipalitySphereKey key(Observation o) {
        return new MunicipalitySphereKey(o.getMunicipalityCode(), o.getSphere());
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void awaitRunning(KafkaStreams streams) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("streams did not start: " + streams.state());
            }
            return streams.state() == KafkaStreams.State.RUNNING;
        });
    }

    /**
     * Waits until the app has consumed all its input (observations and repartition topics) and the table topics
     * have not grown for {@code quietMs} x 3; returns the newest record timestamp on the table topics.
     */
    static long awaitQuiet(Admin admin, String group, KafkaStreams streams, int quietMs) throws Exception {
        Predicate<String> inputs = t -> t.equals(Topics.OBSERVATIONS) || (t.startsWith(group + "-") && t.endsWith("-repartition"));
        QuietWatch watch = new QuietWatch(admin, group, streams, inputs, quietMs);
        Awaitility.await().forever().pollInterval(Duration.ofMillis(200)).until(watch::quiet);
        return newestTimestamp(admin, PipelineTopics.tableTopics());
    }

    /** Polls broker offsets (nothing notifies us of them) and reports progress every 10 s. */
    private static final class QuietWatch {
        private final Admin admin;
        private final String group;
        private final KafkaStreams streams;
        private final Predicate<String> inputs;
        private final int quietMs;
        private Map<String, Long> lastEnds = Map.of();
        private long stableSince = System.nanoTime();
        private long lastReport = System.nanoTime();

        QuietWatch(Admin admin, String group, KafkaStreams streams, Predicate<String> inputs, int quietMs) {
            this.admin = admin;
            this.group = group;
            this.streams = streams;
            this.inputs = inputs;
            this.quietMs = quietMs;
        }

        boolean quiet() throws Exception {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("aggregate app stopped: " + streams.state());
            }
            long lag = lag(admin, group, inputs);
            Map<String, Long> ends = endOffsets(admin, PipelineTopics.tableTopics());
            if ((System.nanoTime() - lastReport) / 1_000_000_000 >= 10) {
                System.out.printf(Locale.ROOT, "  ... input lag %,d, table offsets %s%n", lag, ends);
                lastReport = System.nanoTime();
            }
            if (!ends.equals(lastEnds) || lag > 0) {
                lastEnds = ends;
                stableSince = System.nanoTime();
                return false;
            }
            return (System.nanoTime() - stableSince) / 1_000_000 > 3L * quietMs;
        }
    }

    static long lag(Admin admin, String group, Predicate<String> inputs) throws ExecutionException, InterruptedException {
        Set<String> topics = admin.listTopics().names().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics.stream().filter(inputs).toList()).allTopicNames().get().values()
                .forEach(d -> d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (var e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    static Map<String, Long> endOffsets(Admin admin, List<String> topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values()
                .forEach(d -> d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<String, Long> sums = new LinkedHashMap<>();
        topics.forEach(t -> sums.put(t, 0L));
        admin.listOffsets(latest).all().get().forEach((tp, info) -> sums.merge(tp.topic(), info.offset(), Long::sum));
        return sums;
    }

    static long newestTimestamp(Admin admin, List<String> topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values()
                .forEach(d -> d.partitions().forEach(p -> spec.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.maxTimestamp())));
        return admin.listOffsets(spec).all().get().values().stream().mapToLong(i -> i.timestamp()).max().orElseThrow();
    }

    static KafkaConsumer<byte[], byte[]> tail(String bootstrap) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.GROUP_ID_CONFIG, "bench-tail-" + System.nanoTime()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.TABLE_INDICATORS, Topics.TABLE_BENCHMARKS));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    static String summary(List<Long> ms) {
        if (ms.isEmpty()) {
            return "no samples";
        }
        long[] s = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(Locale.ROOT, "n=%d median %d, p90 %d, min %d, max %d", s.length, s[s.length / 2],
                s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.9) - 1)], s[0], s[s.length - 1]) + " " + Arrays.toString(s);
    }

    private AggregateBenchmark() {
    }
}
