package nl.sobamo.ingest.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.fixtures.FixtureServer;
import nl.sobamo.ingest.IngestApplication;
import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.IngestReport;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.serde.SobamoAvroSerializer;
import nl.sobamo.testkit.bench.Bench;
import nl.sobamo.testkit.kafka.TestKafkaCluster;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Not a test: pulls a generated CBS v3 table of {@code rows} regions × 11 cells (default 100,000 rows = 1.1M cells,
 * 10 pages of 10,000) from the local fixture server through the cbs-kwb pull route into an in-JVM KRaft broker, and
 * compares the rate with a plain Kafka producer sending the same records with the same serializer in the same run.
 * Both are warmed up first with a whole untimed round of the same size: with only 20,000 records of warm-up the
 * plain producer was still speeding up for three more rounds (102,000 -> 139,000 -> 218,000 records/s) while the
 * pull had mostly warmed, so the ratio of the first round flattered the pull. A pull of 1.1M cells takes about a
 * second, so one pair of measurements is noisy on a shared machine: {@value #ROUNDS} rounds alternate the plain
 * producer and the pull (a new table each round, since pulls are incremental), and the round with the median ratio
 * is the result; every round is printed.
 *
 * <pre>./mvnw -B -o -pl ingest test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=nl.sobamo.ingest.bench.PullBenchmark [-Dexec.args=100000]</pre>
 */
public final class PullBenchmark {

    private static final int MEASURES = 10;
    private static final int PAGE = 10_000;
    private static final String TABLE = "BENCH1M";
    private static final String WARM_UP = "BENCHWARM";
    public static final int ROUNDS = 3;

    /** What one run measured: records published by the pull route, its time, and the plain producer's rate. */
    public record Result(int rows, long cells, long records, double seconds, double baselineRecordsPerS) {

        public double recordsPerS() {
            return records / seconds;
        }

        public double ratio() {
            return recordsPerS() / baselineRecordsPerS;
        }
    }

    /** {@code PullBenchmark [rows]} or {@code --cells=N} (rows = cells / 11). */
    public static void main(String[] args) throws Exception {
        int rows = 100_000;
        if (args.length > 0 && args[0].startsWith("--")) {
            rows = rowsForCells(Long.parseLong(Bench.options(args).getOrDefault("cells", "1100000")));
        } else if (args.length > 0) {
            rows = Integer.parseInt(args[0]);
        }
        run(rows);
    }

    /** Rows of the generated table that hold {@code cells} cells (11 a row). */
    public static int rowsForCells(long cells) {
        return (int) Math.max(PAGE, cells / (MEASURES + 1));
    }

    public static Result run(int rows) throws Exception {
        try (TestKafkaCluster cluster = TestKafkaCluster.start(List.of(new NewTopic(Topics.RAW_CBS_KWB, 3, (short) 1),
                new NewTopic("bench.baseline", 3, (short) 1), new NewTopic(Topics.DLQ_INGEST, 1, (short) 1)));
             FixtureServer server = FixtureServer.start()) {
            generate(server, WARM_UP, rows);
            for (int round = 1; round <= ROUNDS; round++) {
                generate(server, TABLE + round, rows);
            }
            String registry = "mock://pull-benchmark-" + System.nanoTime();

            baseline(cluster.bootstrapServers(), registry, rows);

            IngestConfig config = IngestConfig.from(Map.of(IngestConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                    IngestConfig.REGISTRY_URL, registry));
            OpenDataConfig open = OpenDataConfig.from(Map.of(OpenDataConfig.FIXTURES_URL, server.baseUrl(),
                    OpenDataConfig.KWB_TABLES, TABLE, OpenDataConfig.SOURCES, "cbs-kwb"));
            long cells = (long) rows * (MEASURES + 1);
            List<Result> rounds = new ArrayList<>();
            try (IngestApplication app = IngestApplication.start(config, open, new SimpleMeterRegistry())) {
                app.pull("cbs-kwb", WARM_UP);
                for (int round = 1; round <= ROUNDS; round++) {
                    double baseline = baseline(cluster.bootstrapServers(), registry, rows);
                    long t0 = System.nanoTime();
                    IngestReport report = app.pull("cbs-kwb", TABLE + round);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    Result r = new Result(rows, cells, report.published(), seconds, baseline);
                    System.out.printf(Locale.ROOT, "  round %d: plain producer %,.0f records/s, pull %,.0f records/s"
                            + " (%.2f s): ratio %.2f%n", round, baseline, r.recordsPerS(), seconds, r.ratio());
                    rounds.add(r);
                }
            }
            rounds.sort(Comparator.comparingDouble(Result::ratio));
            Result result = rounds.get(rounds.size() / 2);
            double baseline = result.baselineRecordsPerS();
            double seconds = result.seconds();
            System.out.printf("%nPullBenchmark: %,d rows x %d cells = %,d cells in %d pages, the median of %d rounds%n", rows,
                    MEASURES + 1, cells, (rows + PAGE - 1) / PAGE, ROUNDS);
            System.out.printf("  pull route (HTTP + parse + map + digest + Avro + Kafka acks=all + checkpoints):"
                    + "%n    %,d records in %.2f s = %,.0f records/s, %,.0f cells/s%n", result.records(), seconds,
                    result.recordsPerS(), cells / seconds);
            System.out.printf("  plain producer, same records and serializer:                %,.0f records/s%n", baseline);
            System.out.printf("  ratio pull / plain producer: %.2f%n", result.ratio());
            return result;
        }
    }

    /** Pages of a v3 TypedDataSet with odata.nextLink, plus TableInfos and DataProperties. */
    static void generate(FixtureServer server, String table, int rows) throws Exception {
        String base = "opendata.cbs.nl/ODataApi/odata/" + table + "/";
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> props = new ArrayList<>();
        props.add(Map.of("Key", "WijkenEnBuurten", "Type", "GeoDetail", "Title", "Wijken en buurten"));
        for (int m = 1; m <= MEASURES; m++) {
            props.add(Map.of("Key", "Measure_" + m, "Type", "Topic", "Datatype", "Long", "Title", "Measure " + m));
        }
        server.put(base + "TableInfos", json.writeValueAsBytes(Map.of("value", List.of(Map.of(
                "Identifier", table, "Modified", "2026-01-01T00:00:00", "Period", "2024")))));
        server.put(base + "DataProperties", json.writeValueAsBytes(Map.of("value", props)));
        for (int start = 0; start < rows; start += PAGE) {
            List<Map<String, Object>> value = new ArrayList<>();
            for (int i = start; i < Math.min(rows, start + PAGE); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("ID", i);
                row.put("WijkenEnBuurten", String.format("BU%08d  ", i));
                for (int m = 1; m <= MEASURES; m++) {
                    row.put("Measure_" + m, (long) i * m % 100_003);
                }
                value.add(row);
            }
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("value", value);
            if (start + PAGE < rows) {
                page.put("odata.nextLink", "https://opendata.cbs.nl/ODataApi/odata/" + table
                        + "/TypedDataSet?$format=json&$skip=" + (start + PAGE));
            }
            server.put(base + "TypedDataSet" + (start == 0 ? "" : "@skip-" + start), json.writeValueAsBytes(page));
        }
    }

    /** Records/s of a plain producer (acks=all, idempotent) sending equivalent RawRecords. */
    static double baseline(String bootstrap, String registry, int rows) throws Exception {
        List<RawRecord> records = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int m = 1; m <= MEASURES; m++) {
                fields.put("Measure_" + m, Long.toString((long) i * m % 100_003));
            }
            String code = String.format("BU%08d", i);
            records.add(RawRecord.newBuilder().setRecordId("cbs-kwb/" + TABLE + "/2024/" + code).setSource("cbs-kwb")
                    .setDataset(TABLE).setPeriod("2024").setAreaCode(code).setFields(fields)
                    .setFetchedAt(Instant.now()).setUri("http://bench/" + i).setLocation("$.value[" + i + "]")
                    .setContentHash("0".repeat(64)).setLicence("CC BY 4.0 (CBS)").build());
        }
        SobamoAvroSerializer<RawRecord> serializer = new SobamoAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registry), false);
        long t0 = System.nanoTime();
        try (KafkaProducer<String, RawRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), serializer)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows);
            for (RawRecord r : records) {
                acks.add(producer.send(new ProducerRecord<>("bench.baseline", r.getRecordId(), r)));
            }
            for (Future<RecordMetadata> f : acks) {
                f.get();
            }
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        return rows / seconds;
    }

    private PullBenchmark() {
    }

}
