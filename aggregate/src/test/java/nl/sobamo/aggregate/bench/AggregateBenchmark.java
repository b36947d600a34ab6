package nl.sobamo.aggregate.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import nl.sobamo.aggregate.app.AggregateApp;
import nl.sobamo.aggregate.app.QueryApiSettings;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.position.GroupStatistics;
import nl.sobamo.aggregate.reference.AreaDirectory;
import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.testkit.bench.Bench;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorKind;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.SourceRef;
import nl.sobamo.schemas.Sphere;
import nl.sobamo.testkit.kafka.TestKafkaCluster;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.awaitility.Awaitility;

/**
 * Benchmark program (not a test): N synthetic observations (342 municipalities x indicators x years) through the
 * real aggregate app (KafkaStreams, exactly-once v2) on an in-JVM KRaft broker (KafkaClusterTestKit), with the
 * in-JVM mock schema registry (no Apicurio: registry lookups are cached after the first record anyway).
 *
 * <p>Prints: a plain-producer baseline (the same Avro observations to a plain topic), end-to-end observations/s
 * (first observation sent .. last table record committed, including the positions step), the ratio, and the
 * latency of single updates (one observation sent .. its position record on {@code sobamo.tables.positions.v1},
 * readable by a read_committed consumer; and its national benchmark row). Since positions have their own topic the
 * indicator row itself is published before its positions; its latency is printed as well.
 *
 * <p>Run with {@code aggregate/bin/benchmark [--observations=1000000] [--years=10] [--partitions=2]
 * [--commit-ms=500] [--interval-ms=500] [--cache-mb=64] [--samples=20] [--order=municipality|indicator] [--instances=1]
 * [--threads=2] [--verify=true]}; {@code bin/sobamo-bench} runs it beside the other stages through {@link #run}.
 */
public final class AggregateBenchmark {

    static final int MUNICIPALITIES = 342;
    static final Instant FETCHED = Instant.parse("2025-01-01T00:00:00Z");

    /** Sizes and settings of one run; {@link #from} reads them from {@code --name=value} options. */
    public record Options(long observations, int years, int partitions, int commitMs, int intervalMs, int budgetMs,
                          long cacheMb, int samples, boolean byIndicator, int instances, int threads, boolean verify) {

        public static Options from(Map<String, String> a) {
            return new Options(Long.parseLong(a.getOrDefault("observations", "1000000")),
                    Integer.parseInt(a.getOrDefault("years", "10")),
                    Integer.parseInt(a.getOrDefault("partitions", "2")),
                    Integer.parseInt(a.getOrDefault("commit-ms", Long.toString(StreamsSettings.DEFAULT_COMMIT_INTERVAL.toMillis()))),
                    Integer.parseInt(a.getOrDefault("interval-ms", Long.toString(AggregateConfig.DEFAULT_POSITION_INTERVAL.toMillis()))),
                    Integer.parseInt(a.getOrDefault("budget-ms", Long.toString(AggregateConfig.DEFAULT_POSITION_BUDGET.toMillis()))),
                    Long.parseLong(a.getOrDefault("cache-mb", "64")),
                    Integer.parseInt(a.getOrDefault("samples", "20")),
                    "indicator".equals(a.get("order")),
                    Integer.parseInt(a.getOrDefault("instances", "1")),
                    Integer.parseInt(a.getOrDefault("threads", Integer.toString(AggregateApp.DEFAULT_STREAM_THREADS))),
                    !"false".equals(a.get("verify")));
        }
    }

    /**
     * What one run measured. {@code indicatorRecords} are the records a read_committed consumer reads from the
     * indicator topic, {@code indicatorRows} its distinct keys (the final table), {@code positionRecords} the records
     * of the positions topic; {@code mismatches} the final positions and benchmark rows that differ from a
     * recomputation of the final table at rest (-1: not verified). Single updates: {@code rowLatencies} until the
     * update's position record ("positioned row"), {@code benchLatencies} its national benchmark row,
     * {@code valueLatencies} its indicator row (the value, published before its positions).
     */
    public record Result(Options options, double baselineObsPerS, double obsPerS, double seconds, long indicatorRecords,
                         long indicatorRows, long benchmarkRows, long positionRecords, long mismatches,
                         List<Long> rowLatencies, List<Long> benchLatencies, List<Long> valueLatencies) {

        public double ratio() {
            return obsPerS / baselineObsPerS;
        }

        public double recordsPerRow() {
            return indicatorRows == 0 ? 0 : (double) indicatorRecords / indicatorRows;
        }
    }

    public static void main(String[] args) throws Exception {
        Result r = run(Options.from(Bench.options(args)));
        System.out.printf(Locale.ROOT, "%nratio %.3f, %.2f indicator records per row, single update p99 %d ms to its position "
                        + "(benchmark row %d ms, indicator row %d ms)%n", r.ratio(), r.recordsPerRow(),
                Bench.percentile(r.rowLatencies(), 99), Bench.percentile(r.benchLatencies(), 99),
                Bench.percentile(r.valueLatencies(), 99));
    }

    public static Result run(Options o) throws Exception {
        long n = o.observations();
        int years = o.years();
        int indicators = (int) Math.ceil((double) n / (MUNICIPALITIES * (long) years));
        Workload w = new Workload(indicators, years, n, o.byIndicator());

        System.out.printf(Locale.ROOT, "aggregate: %,d observations = %d municipalities x %d indicators x %d years (%s order), "
                        + "%d partitions, %d instance(s) x %d thread(s), commit %d ms, position interval %d ms (budget %d ms), "
                        + "cache %d MB, %d cores%n",
                n, MUNICIPALITIES, indicators, years, o.byIndicator() ? "indicator" : "municipality", o.partitions(),
                o.instances(), o.threads(), o.commitMs(), o.intervalMs(), o.budgetMs(), o.cacheMb(),
                Runtime.getRuntime().availableProcessors());
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "nl.sobamo");
        String registry = "mock://bench-" + System.nanoTime();
        AggregateSerdes serdes = AggregateSerdes.forRegistry(registry);

        try (TestKafkaCluster cluster = TestKafkaCluster.start(PipelineTopics.of(o.partitions(), "bench.baseline"))) {
            Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
                    ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");

            // 1. baseline: the same records, plain producer, plain topic
            double baseline;
            try (KafkaProducer<MunicipalitySphereKey, Observation> producer = new KafkaProducer<>(producerConfig,
                    serdes.observationKey().serializer(), serdes.observation().serializer())) {
                long t0 = System.nanoTime();
                w.forEach(ob -> producer.send(new ProducerRecord<>("bench.baseline", key(ob), ob)));
                producer.flush();
                baseline = n / seconds(t0);
            }
            System.out.printf(Locale.ROOT, "baseline  plain producer (Avro, acks=all, lz4): %,.0f observations/s%n", baseline);

            // 2. the aggregate app, reference first, then the observations
            Map<String, AreaReference> references = references();
            try (KafkaProducer<String, AreaReference> refs = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    serdes.areaReference().serializer())) {
                references.forEach((code, ref) -> refs.send(new ProducerRecord<>(Topics.REFERENCE_AREAS, code, ref)));
            }
            AggregateConfig defaults = AggregateConfig.defaults();
            // the instances share this JVM's heap; deployed, each has its own and its default share of it
            AggregateConfig config = defaults.withPositionInterval(Duration.ofMillis(o.intervalMs()))
                    .withPositionBudget(Duration.ofMillis(o.budgetMs()))
                    .withPositionCacheEntries(defaults.positionCacheEntries() / o.instances());
            List<AggregateApp> apps = new ArrayList<>();
            try {
                for (int i = 0; i < o.instances(); i++) {
                    StreamsSettings settings = new StreamsSettings("sobamo-aggregate-bench", cluster.bootstrapServers(), registry,
                            Files.createTempDirectory("sobamo-bench"), Duration.ofMillis(o.commitMs()),
                            o.cacheMb() * 1024 * 1024, 1, o.threads());
                    AggregateApp app = new AggregateApp(settings, config, QueryApiSettings.DISABLED, new SimpleMeterRegistry());
                    apps.add(app);
                    app.start();
                }
                apps.forEach(app -> awaitRunning(app.streams()));
                long t0 = System.nanoTime();
                long wallStart = System.currentTimeMillis();
                try (KafkaProducer<MunicipalitySphereKey, Observation> producer = new KafkaProducer<>(producerConfig,
                        serdes.observationKey().serializer(), serdes.observation().serializer())) {
                    w.forEach(ob -> producer.send(new ProducerRecord<>(Topics.OBSERVATIONS, key(ob), ob)));
                    producer.flush();
                }
                double produceSeconds = seconds(t0);
                double e2e;
                try (Admin admin = cluster.admin()) {
                    long lastOutput = awaitQuiet(admin, "sobamo-aggregate-bench", apps, o.commitMs() + o.intervalMs());
                    e2e = (lastOutput - wallStart) / 1000.0;
                    Map<String, Long> outputs = Bench.endOffsets(admin, PipelineTopics.tableTopics());
                    System.out.printf(Locale.ROOT, "producing into the observation topic took %.1f s (%,.0f/s)%n",
                            produceSeconds, n / produceSeconds);
                    System.out.printf(Locale.ROOT, "end-to-end: %,d observations into the tables in %.1f s = %,.0f observations/s "
                            + "(%.3f of the plain-producer baseline)%n", n, e2e, n / e2e, n / e2e / baseline);
                    System.out.println("table topic offsets (records incl. transaction markers): " + outputs);
                }
                // the settled tables (a million rows and positions, read into this JVM, which also runs the broker and
                // the apps) are checked and only their counts kept, and their garbage is collected before the single
                // updates, as a benchmark harness does between phases: otherwise the bench's own heap filled and a full
                // GC (0.5-1.7 s) landed in one sample (docs/performance.md)
                TableCounts counts = settledTables(cluster.bootstrapServers(), serdes, o.verify(),
                        new AreaDirectory(references, config.nationalGroupSize()), config);
                System.gc();

                // 3. single-update latency
                List<Long> rowLatencies = new ArrayList<>();
                List<Long> benchLatencies = new ArrayList<>();
                List<Long> valueLatencies = new ArrayList<>();
                singleUpdates(cluster.bootstrapServers(), producerConfig, serdes, w, o.samples(), rowLatencies, benchLatencies,
                        valueLatencies);
                System.out.println("single update -> its indicator row (value), ms:         " + Bench.summary(valueLatencies));
                System.out.println("single update -> its position record, ms:               " + Bench.summary(rowLatencies));
                System.out.println("single update -> national benchmark row, ms:            " + Bench.summary(benchLatencies));
                return new Result(o, baseline, n / e2e, e2e, counts.indicatorRecords(), counts.rows(),
                        counts.benchmarks(), counts.positionRecords(), counts.mismatches(), rowLatencies, benchLatencies,
                        valueLatencies);
            } finally {
                apps.forEach(AggregateApp::close);
            }
        }
    }

    /** What the settled tables held; {@code mismatches} -1 when not verified. */
    record TableCounts(long indicatorRecords, int rows, int benchmarks, long positionRecords, int positions,
                       long mismatches) {
    }

    /** Reads the settled tables, compares them with a recomputation at rest (when asked) and prints what it found. */
    static TableCounts settledTables(String bootstrap, AggregateSerdes serdes, boolean verify, AreaDirectory directory,
                                     AggregateConfig config) {
        Tables tables = Tables.read(bootstrap, serdes);
        long mismatches = verify ? tables.mismatches(directory, config) : -1;
        System.out.printf(Locale.ROOT, "indicator topic: %,d records for %,d rows (%.2f per row); positions topic: %,d "
                + "records for %,d positions; %,d benchmark rows; positions and benchmark rows differing from a "
                + "recomputation at rest: %s%n", tables.indicatorRecords, tables.indicators.size(),
                (double) tables.indicatorRecords / Math.max(1, tables.indicators.size()), tables.positionRecords,
                tables.positions.size(), tables.benchmarks.size(), mismatches < 0 ? "not verified" : Long.toString(mismatches));
        return new TableCounts(tables.indicatorRecords, tables.indicators.size(), tables.benchmarks.size(),
                tables.positionRecords, tables.positions.size(), mismatches);
    }

    /** 342 municipalities in 5 size classes, 5 urbanity classes and 12 provinces. */
    static Map<String, AreaReference> references() {
        String[] sizes = {"<20k", "20-50k", "50-100k", "100-250k", ">250k"};
        Map<String, AreaReference> refs = new LinkedHashMap<>();
        for (int m = 0; m < MUNICIPALITIES; m++) {
            String code = code(m);
            refs.put(code, AreaReference.newBuilder().setCode(code).setLevel("GM").setSizeClass(sizes[m % 5])
                    .setUrbanity("U" + (m % 5 + 1)).setProvince("PV" + (20 + m % 12)).build());
        }
        return refs;
    }

    /**
     * One observation at a time (sent synchronously) until its position record (positions topic), its national
     * benchmark row and its indicator row are committed. {@code rowLatencies} are the position records' ("single update
     * -> positioned row": the update's position is what made a row "positioned" before positions had their own topic).
     */
    static void singleUpdates(String bootstrap, Map<String, Object> producerConfig, AggregateSerdes serdes, Workload w,
                              int samples, List<Long> rowLatencies, List<Long> benchLatencies, List<Long> valueLatencies)
            throws Exception {
        try (KafkaProducer<MunicipalitySphereKey, Observation> producer = new KafkaProducer<>(producerConfig,
                serdes.observationKey().serializer(), serdes.observation().serializer());
             KafkaConsumer<byte[], byte[]> consumer = tail(bootstrap)) {
            var keyDeserializer = serdes.indicatorKey().deserializer();
            var valueDeserializer = serdes.indicatorValue().deserializer();
            var positionDeserializer = serdes.indicatorPosition().deserializer();
            var benchKeyDeserializer = serdes.benchmarkKey().deserializer();
            Random random = new Random(11);
            for (int i = 0; i < samples; i++) {
                int m = random.nextInt(MUNICIPALITIES);
                double value = random.nextDouble() * 100; // PERCENT: benchmarked and positioned
                Observation ob = w.observation(m, w.indicatorId(5), w.firstYear + w.years - 1, value);
                long t0u = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.OBSERVATIONS, key(ob), ob)).get();
                long rowAt = -1;
                long benchAt = -1;
                long valueAt = -1;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while ((rowAt < 0 || benchAt < 0 || valueAt < 0) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(5))) {
                        if (r.topic().equals(Topics.TABLE_POSITIONS) && r.value() != null) {
                            IndicatorKey k = keyDeserializer.deserialize(r.topic(), r.key());
                            IndicatorPosition p = positionDeserializer.deserialize(r.topic(), r.value());
                            if (k.getMunicipalityCode().equals(ob.getMunicipalityCode())
                                    && k.getIndicatorId().equals(ob.getIndicatorId()) && p.getValue() == value
                                    && p.getPercentileRankNational() != null) {
                                rowAt = System.nanoTime();
                            }
                        } else if (r.topic().equals(Topics.TABLE_INDICATORS) && r.value() != null) {
                            IndicatorKey k = keyDeserializer.deserialize(r.topic(), r.key());
                            IndicatorValue v = valueDeserializer.deserialize(r.topic(), r.value());
                            if (k.getMunicipalityCode().equals(ob.getMunicipalityCode())
                                    && k.getIndicatorId().equals(ob.getIndicatorId()) && v.getValue() != null && v.getValue() == value) {
                                valueAt = System.nanoTime();
                            }
                        } else if (r.topic().equals(Topics.TABLE_BENCHMARKS) && r.value() != null) {
                            var bk = benchKeyDeserializer.deserialize(r.topic(), r.key());
                            if (bk.getIndicatorId().equals(ob.getIndicatorId()) && bk.getPeriod().equals(ob.getPeriod())
                                    && bk.getGroupType().equals("national")) {
                                benchAt = System.nanoTime();
                            }
                        }
                    }
                }
                rowLatencies.add(rowAt > 0 ? (rowAt - t0u) / 1_000_000 : 30_000);
                valueLatencies.add(valueAt > 0 ? (valueAt - t0u) / 1_000_000 : 30_000);
                benchLatencies.add(benchAt > 0 ? (benchAt - t0u) / 1_000_000 : 30_000);
            }
        }
    }

    /** The final tables (latest value per key) and how many records the indicator and positions topics took. */
    static final class Tables {
        final Map<IndicatorKey, IndicatorValue> indicators = new HashMap<>();
        final Map<IndicatorKey, IndicatorPosition> positions = new HashMap<>();
        final Map<BenchmarkKey, BenchmarkRow> benchmarks = new HashMap<>();
        long indicatorRecords;
        long positionRecords;

        static Tables read(String bootstrap, AggregateSerdes serdes) {
            Tables t = new Tables();
            var ik = serdes.indicatorKey().deserializer();
            var iv = serdes.indicatorValue().deserializer();
            var bk = serdes.benchmarkKey().deserializer();
            var bv = serdes.benchmarkRow().deserializer();
            var pv = serdes.indicatorPosition().deserializer();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> parts = new ArrayList<>();
                for (String topic : List.of(Topics.TABLE_INDICATORS, Topics.TABLE_BENCHMARKS, Topics.TABLE_POSITIONS)) {
                    consumer.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
                }
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
                while (parts.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.topic().equals(Topics.TABLE_INDICATORS)) {
                            t.indicatorRecords++;
                            IndicatorKey key = ik.deserialize(r.topic(), r.key());
                            if (r.value() == null) {
                                t.indicators.remove(key);
                            } else {
                                t.indicators.put(key, iv.deserialize(r.topic(), r.value()));
                            }
                        } else if (r.topic().equals(Topics.TABLE_POSITIONS)) {
                            t.positionRecords++;
                            IndicatorKey key = ik.deserialize(r.topic(), r.key());
                            if (r.value() == null) {
                                t.positions.remove(key);
                            } else {
                                t.positions.put(key, pv.deserialize(r.topic(), r.value()));
                            }
                        } else {
                            BenchmarkKey key = bk.deserialize(r.topic(), r.key());
                            if (r.value() == null) {
                                t.benchmarks.remove(key);
                            } else {
                                t.benchmarks.put(key, bv.deserialize(r.topic(), r.value()));
                            }
                        }
                    }
                }
            }
            return t;
        }

        /**
         * Records that differ from what the positions step computes from the final values at rest (the settled result
         * of a slow run): every position (positions topic, present, missing or for another value) and every benchmark
         * row, present or missing. Also counts indicator rows that still carry position fields (no longer filled).
         */
        long mismatches(AreaDirectory directory, AggregateConfig config) {
            Map<String, List<IndicatorValue>> byIndicatorPeriod = new TreeMap<>();
            indicators.values().forEach(v -> byIndicatorPeriod.computeIfAbsent(v.getIndicatorId() + "|" + v.getPeriod(),
                    k -> new ArrayList<>()).add(v));
            long bad = 0;
            Map<BenchmarkKey, BenchmarkRow> expectedBenchmarks = new HashMap<>();
            Map<IndicatorKey, IndicatorPosition> expectedPositions = new HashMap<>();
            for (List<IndicatorValue> members : byIndicatorPeriod.values()) {
                IndicatorValue first = members.get(0);
                GroupStatistics.Result expected = GroupStatistics.compute(first.getIndicatorId(), first.getPeriod(), members,
                        directory, config);
                expected.positions().values().forEach(p -> expectedPositions.put(new IndicatorKey(p.getMunicipalityCode(),
                        p.getSphere(), p.getIndicatorId(), p.getPeriod()), p));
                bad += members.stream().filter(v -> v.getPercentileRankNational() != null).count();
                expectedBenchmarks.putAll(expected.benchmarks());
            }
            for (var e : expectedBenchmarks.entrySet()) {
                if (!e.getValue().equals(benchmarks.get(e.getKey()))) {
                    bad++;
                }
            }
            bad += benchmarks.keySet().stream().filter(k -> !expectedBenchmarks.containsKey(k)).count();
            for (var e : expectedPositions.entrySet()) {
                if (!e.getValue().equals(positions.get(e.getKey()))) {
                    bad++;
                }
            }
            bad += positions.keySet().stream().filter(k -> !expectedPositions.containsKey(k)).count();
            return bad;
        }
    }

    /**
     * Deterministic synthetic observations: values differ by municipality, indicator and year. The synthetic
     * {@code bench.*} indicators are percentages (scale-free: benchmarked and positioned, like most catalog
     * indicators); the first three feed the derived per-inhabitant and share-of-total indicators.
     */
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
                    .setUnit(indicatorId.equals("population.inhabitants") ? "COUNT" : source.equals("iv3") ? "EUR" : "PERCENT")
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
     * Waits until the apps have consumed all their input (observations and repartition topics) and the table topics
     * have not grown for {@code quietMs} x 3; returns the newest record timestamp on the table topics.
     */
    static long awaitQuiet(Admin admin, String group, List<AggregateApp> apps, int quietMs) throws Exception {
        Predicate<String> inputs = t -> t.equals(Topics.OBSERVATIONS) || (t.startsWith(group + "-") && t.endsWith("-repartition"));
        QuietWatch watch = new QuietWatch(admin, group, apps, inputs, quietMs);
        Awaitility.await().forever().pollInterval(Duration.ofMillis(200)).until(watch::quiet);
        return Bench.newestTimestamp(admin, PipelineTopics.tableTopics());
    }

    /** Polls broker offsets (nothing notifies us of them) and reports progress every 10 s. */
    private static final class QuietWatch {
        private final Admin admin;
        private final String group;
        private final List<AggregateApp> apps;
        private final Predicate<String> inputs;
        private final int quietMs;
        private Map<String, Long> lastEnds = Map.of();
        private long stableSince = System.nanoTime();
        private long lastReport = System.nanoTime();

        QuietWatch(Admin admin, String group, List<AggregateApp> apps, Predicate<String> inputs, int quietMs) {
            this.admin = admin;
            this.group = group;
            this.apps = apps;
            this.inputs = inputs;
            this.quietMs = quietMs;
        }

        boolean quiet() throws Exception {
            for (AggregateApp app : apps) {
                KafkaStreams.State state = app.streams().state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("aggregate app stopped: " + state);
                }
            }
            long lag = Bench.committedLag(admin, group, inputs);
            Map<String, Long> ends = Bench.endOffsets(admin, PipelineTopics.tableTopics());
            if ((System.nanoTime() - lastReport) / 1_000_000_000 >= 10) {
                System.out.printf(Locale.ROOT, "  ... input lag %,d, table offsets %s%n", lag, ends);
                lastReport = System.nanoTime();
            }
            // the positions step publishes on a punctuation, and waits while catching up: zero lag and still offsets
            // are not yet final tables while indicator-periods are pending
            if (!ends.equals(lastEnds) || lag > 0 || pending() > 0) {
                lastEnds = ends;
                stableSince = System.nanoTime();
                return false;
            }
            return (System.nanoTime() - stableSince) / 1_000_000 > 3L * quietMs;
        }

        private long pending() {
            long n = 0;
            for (AggregateApp app : apps) {
                try {
                    n += app.pendingPositions();
                } catch (InvalidStateStoreException e) {
                    return Long.MAX_VALUE; // rebalancing or restoring: not settled
                }
            }
            return n;
        }
    }

    static KafkaConsumer<byte[], byte[]> tail(String bootstrap) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.GROUP_ID_CONFIG, "bench-tail-" + System.nanoTime()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.TABLE_INDICATORS, Topics.TABLE_BENCHMARKS, Topics.TABLE_POSITIONS));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    private AggregateBenchmark() {
    }
}
