package nl.sobamo.deploy.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.aggregate.export.ExportTable;
import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.deploy.platform.EmbeddedPlatform;
import nl.sobamo.deploy.platform.PlatformConfig;
import nl.sobamo.deploy.report.CsvTables;
import nl.sobamo.ingest.IngestApplication;
import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.IngestReport;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.schemas.Sphere;
import nl.sobamo.serde.AvroSerdes;
import nl.sobamo.topics.Topics;
import nl.sobamo.aggregate.app.AggregateApp;
import nl.sobamo.normalize.app.NormalizeApp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline over the full bundled national data, through a real KRaft broker and a real Apicurio
 * registry, checked against numbers computed directly from the source file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

    private static final String PER_INHABITANT = "iv3.lasten.6.1.per_inhabitant";
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path dataDir;
    static EmbeddedPlatform platform;
    static LocalPipeline pipeline;
    static PipelineResult first;

    @BeforeAll
    static void runPipeline() throws Exception {
        platform = new EmbeddedPlatform(PlatformConfig.defaults(dataDir)).start();
        pipeline = new LocalPipeline(platform.bootstrapServers(), platform.registryUrl(), dataDir.resolve("streams"), 3,
                new SimpleMeterRegistry());
        pipeline.provisionTopics();
        pipeline.startStreamsApps();
        List<IngestReport> reports = pipeline.ingestBundledData();
        pipeline.awaitDrained(DRAIN_TIMEOUT);
        first = pipeline.snapshot(reports);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void everyMunicipalityIsInTheIndicatorTable() {
        assertThat(first.recordsPerTopic().get(Topics.RAW_CBS_KWB)).isEqualTo(3735L);
        assertThat(first.recordsPerTopic().get(Topics.RAW_IV3)).isEqualTo(342L);
        assertThat(first.recordsPerTopic().get(Topics.DLQ_NORMALIZE)).isZero();
        assertThat(first.recordsPerTopic().get(Topics.DLQ_INGEST)).isZero();
        long municipalities = first.indicators().keySet().stream().map(IndicatorKey::getMunicipalityCode).distinct().count();
        assertThat(municipalities).isEqualTo(342);
        assertThat(first.indicators().keySet().stream()
                .filter(k -> k.getIndicatorId().equals("population.inhabitants") && k.getPeriod().equals("2024"))).hasSize(342);
    }

    @Test
    @Order(2)
    void amsterdamPerInhabitantEqualsTheSourceFile() throws Exception {
        Iv3SourceFile.Account amsterdam = Iv3SourceFile.accounts().get("Amsterdam");
        IndicatorValue row = first.indicators().get(new IndicatorKey("GM0363", Sphere.INSTITUTIONAL, PER_INHABITANT, "2023"));

        assertThat(row.getValue()).isCloseTo(amsterdam.lasten61PerInhabitant(), within(1e-9));
        assertThat(row.getDenominatorValue()).isEqualTo((double) amsterdam.inhabitants());
        assertThat(row.getDenominatorReferenceDate()).isEqualTo("2023-01-01");
        assertThat(row.getProvenance()).extracting(p -> p.getSourceRecordId())
                .containsOnly("iv3/iv3-jaarrekening-2023/2023/Amsterdam");
        IndicatorValue share = first.indicators().get(
                new IndicatorKey("GM0363", Sphere.INSTITUTIONAL, "iv3.lasten.6.1.share_of_total", "2023"));
        assertThat(share.getValue()).isCloseTo(amsterdam.lasten61Thousands() / amsterdam.totalLastenThousands() * 100, within(1e-9));
    }

    @Test
    @Order(3)
    void nationalBenchmarkMatchesADirectComputationAndReportsCoverage() throws Exception {
        double[] values = Iv3SourceFile.accounts().values().stream().filter(Iv3SourceFile.Account::deliveredData)
                .mapToDouble(Iv3SourceFile.Account::lasten61PerInhabitant).sorted().toArray();
        BenchmarkRow row = first.benchmarks().get(new BenchmarkKey(PER_INHABITANT, "2023", "national", "NL"));

        assertThat(values).hasSize(341); // Vijfheerenlanden delivered no Iv3 data: missing, not zero
        assertThat(row.getN()).isEqualTo(341);
        assertThat(row.getGroupSize()).isEqualTo(342);
        assertThat(row.getCoverage()).isCloseTo(341 / 342.0, within(1e-12));
        assertThat(row.getMedian()).isCloseTo(values[170], within(1e-9)); // odd n: the middle value
        assertThat(row.getMin()).isCloseTo(values[0], within(1e-9));
        assertThat(row.getMax()).isCloseTo(values[340], within(1e-9));
        assertThat(row.getMean()).isCloseTo(Arrays.stream(values).average().orElseThrow(), within(1e-9));
        assertThat(first.indicators()).doesNotContainKey(
                new IndicatorKey("GM1961", Sphere.INSTITUTIONAL, PER_INHABITANT, "2023"));
    }

    @Test
    @Order(3)
    void coverageIsTrueOnEveryPeriodAndAbsoluteAmountsHaveNoBenchmark() {
        List<BenchmarkRow> rows = List.copyOf(first.benchmarks().values());
        assertThat(rows).isNotEmpty();
        for (BenchmarkRow row : rows) {
            String what = row.getIndicatorId() + " " + row.getPeriod() + " " + row.getGroupType() + "=" + row.getGroupValue();
            assertThat(row.getGroupSize()).as(what).isNotNull();
            assertThat(row.getN()).as(what).isLessThanOrEqualTo(row.getGroupSize());
            assertThat(row.getCoverage()).as(what).isLessThanOrEqualTo(1.0);
            assertThat(row.getUnit()).as(what + ": absolute amounts are context only")
                    .isNotIn("COUNT", "EUR", "HOURS", "FTE", "M2");
        }
        double maxCoverage = rows.stream().mapToDouble(BenchmarkRow::getCoverage).max().orElseThrow();
        long lbm = first.indicators().keySet().stream().filter(k -> k.getIndicatorId().startsWith("lbm.")).count();
        long lbmDistricts = first.districts().keySet().stream().filter(k -> k.getIndicatorId().startsWith("lbm.")).count();
        System.out.printf("PipelineIT: %d benchmark rows, max coverage %.4f, %d Leefbaarometer municipality rows, "
                + "%d Leefbaarometer district rows, %d district rows%n", rows.size(), maxCoverage, lbm, lbmDistricts,
                first.districts().size());
        System.out.println("PipelineIT: " + first.reconciliation());
        // the absolute euros stay in the indicator table as context
        assertThat(first.indicators()).containsKey(new IndicatorKey("GM0363", Sphere.CONTEXT, "iv3.lasten.6.6", "2023"));
    }

    @Test
    @Order(3)
    void everySocialDomainTaakveldIsBenchmarkedPerInhabitantAsTheSourceFileGivesIt() throws Exception {
        Map<String, IndependentBenchmarks.Municipality> iv3 = IndependentBenchmarks.iv3();
        Map<String, String[]> classes = IndependentBenchmarks.sizeClasses();
        String[] amsterdam = classes.get("Amsterdam");
        for (String taakveld : List.of("5.1", "5.2", "6.1", "6.2", "6.6", "6.71", "6.72_6.74", "6.81", "6.82")) {
            String id = "iv3.lasten." + taakveld + ".per_inhabitant";
            java.util.function.Predicate<String> codes = IndependentBenchmarks.taakveld(taakveld);
            double[] national = iv3.values().stream().filter(IndependentBenchmarks.Municipality::deliveredData)
                    .map(m -> m.perInhabitant(codes)).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
            assertPercentiles(id, first.benchmarks().get(new BenchmarkKey(id, "2023", "national", "NL")), national);
            // one peer group: Amsterdam's size class, membership from the recorded CBS Gebieden response
            double[] peers = iv3.values().stream().filter(IndependentBenchmarks.Municipality::deliveredData)
                    .filter(m -> classes.containsKey(m.name()) && classes.get(m.name())[1].equals(amsterdam[1]))
                    .map(m -> m.perInhabitant(codes)).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
            assertPercentiles(id + " size class " + amsterdam[1],
                    first.benchmarks().get(new BenchmarkKey(id, "2023", "size-class", amsterdam[1])), peers);
        }
        for (String group : List.of("spending.wmo.per_inhabitant", "spending.youth_care.per_inhabitant")) {
            assertThat(first.benchmarks()).containsKey(new BenchmarkKey(group, "2023", "national", "NL"));
        }
    }

    @Test
    @Order(3)
    void everyObservationHasAHomeAndLeefbaarometerReachesTheTables() {
        assertThat(first.observationHomes().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(first.recordsPerTopic().get(Topics.OBSERVATIONS));
        assertThat(first.observationHomes().getOrDefault(nl.sobamo.aggregate.district.ObservationHome.NONE_UNKNOWN_AREA_LEVEL, 0L))
                .isZero();
        // every Leefbaarometer district value is in the districts table, keyed by area code + indicator + period
        long lbmDistricts = first.districts().keySet().stream().filter(k -> k.getIndicatorId().startsWith("lbm.")).count();
        assertThat(lbmDistricts).isPositive();
        // and Amstelveen gets inhabitant-weighted municipality rows naming their weights
        List<IndicatorValue> amstelveen = first.indicators().values().stream()
                .filter(v -> v.getIndicatorId().equals("lbm.score") && v.getMunicipalityCode().equals("GM0362")).toList();
        assertThat(amstelveen).isNotEmpty().allSatisfy(v -> {
            assertThat(v.getWeighting()).startsWith("POPULATION_WEIGHTED_MEAN").contains("population.inhabitants");
            assertThat(v.getDenominatorIndicatorId()).isEqualTo("population.inhabitants");
            assertThat(v.getProvenance()).extracting(p -> p.getSource()).contains("leefbaarometer", "cbs-kwb");
        });
    }

    @Test
    @Order(3)
    void rivmBenchmarksEqualAnIndependentComputationFromTheRecordedResponses() throws Exception {
        Map<String, String> sizeClass = IndependentBenchmarks.sizeClassByCode();
        String amsterdamClass = sizeClass.get("GM0363");
        Map<String, String[]> measures = Map.of(
                "rivm.seriously_lonely", new String[] {"ErnstigZeerErnstigEenzaam_", "20300"},
                "rivm.lonely", new String[] {"Eenzaam_", "20300"},
                "rivm.informal_carers", new String[] {"Mantelzorger_", "20300"},
                "rivm.seriously_lonely.aged_65_plus", new String[] {"ErnstigZeerErnstigEenzaam_", "80200"});
        int compared = 0;
        for (Map.Entry<String, String[]> m : measures.entrySet()) {
            Map<String, Map<String, Double>> byYear = IndependentBenchmarks.rivm(m.getValue()[0], m.getValue()[1]);
            for (Map.Entry<String, Map<String, Double>> year : byYear.entrySet()) {
                double[] national = year.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
                BenchmarkRow row = first.benchmarks().get(new BenchmarkKey(m.getKey(), year.getKey(), "national", "NL"));
                assertPercentiles(m.getKey() + " " + year.getKey(), row, national);
                assertThat(row.getN()).isLessThanOrEqualTo(row.getGroupSize());
                double[] peers = year.getValue().entrySet().stream()
                        .filter(e -> amsterdamClass.equals(sizeClass.get(e.getKey()))).mapToDouble(Map.Entry::getValue).toArray();
                assertPercentiles(m.getKey() + " " + year.getKey() + " size class " + amsterdamClass,
                        first.benchmarks().get(new BenchmarkKey(m.getKey(), year.getKey(), "size-class", amsterdamClass)), peers);
                compared++;
            }
        }
        assertThat(compared).as("indicator-periods compared").isGreaterThanOrEqualTo(8);
    }

    private static void assertPercentiles(String what, BenchmarkRow row, double[] values) {
        assertThat(row).as(what).isNotNull();
        assertThat(row.getN()).as(what + " n").isEqualTo(values.length);
        assertThat(row.getP10()).as(what + " p10").isCloseTo(IndependentBenchmarks.type7(values, 0.10), within(1e-6));
        assertThat(row.getP25()).as(what + " p25").isCloseTo(IndependentBenchmarks.type7(values, 0.25), within(1e-6));
        assertThat(row.getMedian()).as(what + " p50").isCloseTo(IndependentBenchmarks.type7(values, 0.50), within(1e-6));
        assertThat(row.getP75()).as(what + " p75").isCloseTo(IndependentBenchmarks.type7(values, 0.75), within(1e-6));
        assertThat(row.getP90()).as(what + " p90").isCloseTo(IndependentBenchmarks.type7(values, 0.90), within(1e-6));
    }

    @Test
    @Order(4)
    void csvExportHasOneLinePerTableRowAndTheQueryApisColumns(@TempDir Path out) throws Exception {
        CsvTables csv = CsvTables.withBundledNames();
        Path indicators = csv.write(out, ExportTable.INDICATORS, first.indicators().values());
        Path benchmarks = csv.write(out, ExportTable.BENCHMARKS, first.benchmarks().values());
        List<String> indicatorLines = Files.readAllLines(indicators, StandardCharsets.UTF_8);
        List<String> benchmarkLines = Files.readAllLines(benchmarks, StandardCharsets.UTF_8);
        assertThat(indicatorLines).hasSize(first.indicators().size() + 1);
        assertThat(benchmarkLines).hasSize(first.benchmarks().size() + 1);
        assertThat(indicatorLines.get(1)).as("provenance names the source records").contains(":iv3-jaarrekening-2023:");

        // one writer: the query API's export of the same table has the same header and the same rows
        HttpClient http = HttpClient.newHttpClient();
        String api = pipeline.queryUrl().orElseThrow() + "/api/v1/export/";
        List<String> exported = http.send(HttpRequest.newBuilder(URI.create(api + "benchmarks.csv")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body().lines().toList();
        assertThat(exported).isEqualTo(benchmarkLines);
        // the runner joins the indicator topic with the positions topic, the API its stores: same lines, positions included
        List<String> exportedIndicators = http.send(HttpRequest.newBuilder(URI.create(api + "indicators.csv")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body().lines().toList();
        assertThat(exportedIndicators).isEqualTo(indicatorLines);
    }

    @Test
    @Order(5)
    void aConfluentClientDecodesTheIndicatorTable() throws Exception {
        assumeTrue(ConfluentPythonClient.available(),
                "Confluent's Python client is not installed (apt-get install python3-confluent-kafka python3-avro)");
        JsonNode decoded = ConfluentPythonClient.decode(platform.bootstrapServers(), platform.registryUrl(),
                Topics.TABLE_INDICATORS);

        assertThat(decoded.get("keys").asInt()).isEqualTo(first.indicators().size());
        assertThat(decoded.get("municipalities").asInt()).isEqualTo(342);
        assertThat(decoded.get("amsterdamPerInhabitant").asDouble()).isEqualTo(first.indicators()
                .get(new IndicatorKey("GM0363", Sphere.INSTITUTIONAL, PER_INHABITANT, "2023")).getValue());
        // the positions topic: same key, IndicatorPosition values carrying the ranked value
        JsonNode positions = ConfluentPythonClient.decode(platform.bootstrapServers(), platform.registryUrl(),
                Topics.TABLE_POSITIONS);
        assertThat(positions.get("amsterdamPerInhabitant").asDouble()).isEqualTo(first.indicators()
                .get(new IndicatorKey("GM0363", Sphere.INSTITUTIONAL, PER_INHABITANT, "2023")).getValue());
    }

    @Test
    @Order(6)
    void rerunningOverTheSameDataLeavesTheTablesUnchanged() throws Exception {
        List<IngestReport> again = pipeline.ingestBundledData();
        pipeline.awaitDrained(DRAIN_TIMEOUT);
        PipelineResult second = pipeline.snapshot(again);

        assertThat(second.recordsPerTopic().get(Topics.RAW_IV3)).isEqualTo(2 * 342L);
        assertThat(second.indicators()).isEqualTo(first.indicators());
        assertThat(second.benchmarks()).isEqualTo(first.benchmarks());
    }

    @Test
    @Order(7)
    void badInputLandsInTheDeadLetterTopicsAndTheRestFlows(@TempDir Path files) throws Exception {
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, RawRecord> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                AvroSerdes.specific(RawRecord.class, platform.registryUrl(), false).serializer())) {
            producer.send(new ProducerRecord<>(Topics.RAW_CBS_KWB, "bad-area", kwb("GM9999", "1000"))).get();
            producer.send(new ProducerRecord<>(Topics.RAW_CBS_KWB, "bad-number", kwb("GM0014", "veel"))).get();
        }
        // a malformed line in a municipal Iv3 file: the route dead-letters it and publishes the good account
        Path csv = files.resolve("iv3.csv");
        Files.writeString(csv, """
                Gemeenten;Taakveld;L1.1 Salarissen en sociale lasten;Baten;Lasten;Provincie;Gemeentegrootte;Stedelijkheid;Inwonertal;Centrumfunctie;Sociale structuur
                Kampen;6.1 Samenkracht en burgerparticipatie;;100.0;15933.0;Overijssel;50000tot100000inwoners;Matigstedelijk;55614;Redelijk;Goed
                Kampen;6.2 Toegang;this line;has too few columns
                """, StandardCharsets.UTF_8);
        Properties overrides = new Properties();
        overrides.put(IngestConfig.BOOTSTRAP_SERVERS, platform.bootstrapServers());
        overrides.put(IngestConfig.REGISTRY_URL, platform.registryUrl());
        IngestReport report;
        try (IngestApplication ingest = IngestApplication.start(IngestConfig.load(overrides), new SimpleMeterRegistry())) {
            report = ingest.runIv3(csv.toUri().toString());
        }
        assertThat(report.deadLettered()).isEqualTo(1);
        pipeline.awaitDrained(DRAIN_TIMEOUT);

        AggregateSerdes serdes = AggregateSerdes.forRegistry(platform.registryUrl());
        var dlqSerde = AvroSerdes.specific(DeadLetter.class, platform.registryUrl(), false);
        List<DeadLetter> normalizeDead = List.copyOf(TableSnapshot.read(platform.bootstrapServers(), Topics.DLQ_NORMALIZE,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), dlqSerde.deserializer()).values());
        assertThat(normalizeDead).extracting(DeadLetter::getReasonCode)
                .containsExactlyInAnyOrder("UNKNOWN_AREA", "UNPARSEABLE_VALUE");
        assertThat(TableSnapshot.recordCount(platform.bootstrapServers(), Topics.DLQ_INGEST)).isEqualTo(1);

        // the good Kampen line still flowed: its corrected 6.1 lasten (same amount) is in the table
        Map<IndicatorKey, IndicatorValue> table = TableSnapshot.read(platform.bootstrapServers(), Topics.TABLE_INDICATORS,
                serdes.indicatorKey().deserializer(), serdes.indicatorValue().deserializer());
        assertThat(table.get(new IndicatorKey("GM0166", Sphere.INSTITUTIONAL, "iv3.lasten.6.1", "2023")).getValue())
                .isEqualTo(15_933_000.0);
    }

    @Test
    @Order(8)
    void anAcceptedPushAppearsInTheIndicatorTable(@TempDir Path pushDir) throws Exception {
        LocalPipeline.PushDemo push = pipeline.startPushApi(pushDir, "GM0166");
        HttpRequest request = HttpRequest.newBuilder(URI.create(push.baseUrl() + "/api/v1/municipalities/GM0166/visitors"))
                .header("Authorization", "Bearer " + push.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        [{"facilityId":"bh-de-brug","facilityType":"buurthuis","areaCode":"WK016600",
                          "periodStart":"2025-01-01","periodEnd":"2025-03-31","visits":4210,"uniqueVisitors":780},
                         {"facilityId":"inloop-ijsselmuiden","facilityType":"inloop","areaCode":"WK016603",
                          "periodStart":"2025-01-01","periodEnd":"2025-03-31","visits":950}]"""))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        pipeline.awaitDrained(DRAIN_TIMEOUT);
        AggregateSerdes serdes = AggregateSerdes.forRegistry(platform.registryUrl());
        Map<IndicatorKey, IndicatorValue> table = TableSnapshot.read(platform.bootstrapServers(), Topics.TABLE_INDICATORS,
                serdes.indicatorKey().deserializer(), serdes.indicatorValue().deserializer());
        IndicatorValue visits = table.values().stream()
                .filter(v -> v.getMunicipalityCode().equals("GM0166") && v.getIndicatorId().equals("push.visits")
                        && v.getPeriod().equals("2025"))
                .findFirst().orElseThrow(() -> new AssertionError("no push.visits row for GM0166 2025"));
        // two facilities in two districts: the municipality's visits are their sum
        assertThat(visits.getValue()).isEqualTo(4210.0 + 950.0);
        assertThat(visits.getProvenance()).extracting(p -> p.getSourceRecordId()).containsExactly(
                "push/visitors/GM0166/bh-de-brug/2025-01-01/2025-03-31",
                "push/visitors/GM0166/inloop-ijsselmuiden/2025-01-01/2025-03-31");
    }

    @Test
    @Order(9)
    @SuppressWarnings("unchecked")
    void theProfileShowsLatestComparableIndicatorsWithCatalogNamesAndNoPushOnlyDefaultPeriod() throws Exception {
        assumeTrue(pipeline.queryUrl().isPresent(), "query API not running");
        // GM0166 has pushed visits for 2025 (Order 8); its default period stays a real one
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(pipeline.queryUrl().get() + "/api/v1/municipalities/GM0166/profile")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode profile = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertThat(profile.get("period").asText()).isEqualTo("2023");
        assertThat(profile.get("latest").asBoolean()).isTrue();
        Map<String, JsonNode> items = new HashMap<>();
        profile.get("spheres").forEach(sphere -> sphere.get("indicators").forEach(i -> items.put(i.get("indicatorId").asText(), i)));
        JsonNode perInhabitant = items.get("iv3.lasten.6.1.per_inhabitant");
        assertThat(perInhabitant.get("period").asText()).isEqualTo("2023");
        assertThat(perInhabitant.get("name").get("nl").asText()).startsWith("Lasten taakveld 6.1");
        assertThat(perInhabitant.get("definition").asText()).isNotBlank();
        assertThat(perInhabitant.get("benchmarks").get(0).get("coverage").asDouble()).isLessThanOrEqualTo(1.0);
        assertThat(items.get("rivm.seriously_lonely").get("period").asText()).isEqualTo("2020");
        assertThat(items).doesNotContainKeys("iv3.lasten.6.1", "population.inhabitants");
        assertThat(first.recordsPerTopic().get(Topics.REFERENCE_INDICATORS)).isPositive();
    }

    private static RawRecord kwb(String code, String inhabitants) {
        return RawRecord.newBuilder()
                .setRecordId("cbs-kwb/test/2024/" + code).setSource("cbs-kwb").setDataset("85984NED").setPeriod("2024")
                .setAreaCode(code).setFields(new HashMap<>(Map.of("AantalInwoners_5", inhabitants)))
                .setFetchedAt(Instant.parse("2025-04-19T00:00:00Z")).setUri("test").build();
    }

    /** Last: a rerun of the runner on the same data directory must not wait for this run's group members. */
    @Test
    @Order(100)
    void closingThePipelineLeavesItsConsumerGroupsEmpty() throws Exception {
        pipeline.close();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(
                    List.of(NormalizeApp.DEFAULT_APPLICATION_ID, AggregateApp.DEFAULT_APPLICATION_ID)).all().get();
            assertThat(groups.values()).allSatisfy(g -> assertThat(g.members()).as(g.groupId()).isEmpty());
        }
    }
}
