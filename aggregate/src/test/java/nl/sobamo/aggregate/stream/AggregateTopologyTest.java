package nl.sobamo.aggregate.stream;

import static nl.sobamo.aggregate.fixtures.TestObservations.inhabitants;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3Lasten61;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3LastenTotal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import nl.sobamo.aggregate.benchmark.BenchmarkGroups;
import nl.sobamo.aggregate.indicator.DerivedIndicator;
import nl.sobamo.aggregate.indicator.IndicatorCalculator;
import nl.sobamo.aggregate.indicator.SourcePriority;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.Sphere;
import nl.sobamo.topics.Topics;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregateTopologyTest {

    private static final String PER_INHABITANT = "iv3.lasten.6.1.per_inhabitant";

    private final String scope = "aggregate-" + UUID.randomUUID();
    private TopologyTestDriver driver;
    private TestInputTopic<MunicipalitySphereKey, Observation> observations;
    private TestOutputTopic<IndicatorKey, IndicatorValue> indicators;
    private TestOutputTopic<BenchmarkKey, BenchmarkRow> benchmarks;

    @BeforeEach
    void setUp() {
        AggregateSerdes serdes = AggregateSerdes.forRegistry("mock://" + scope);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        driver = new TopologyTestDriver(AggregateTopology.buildTopology(serdes,
                new IndicatorCalculator(DerivedIndicator.DEFAULTS, new SourcePriority(SourcePriority.DEFAULT_ORDER)),
                BenchmarkGroups.defaults()), props);
        observations = driver.createInputTopic(Topics.OBSERVATIONS, serdes.observationKey().serializer(),
                serdes.observation().serializer());
        indicators = driver.createOutputTopic(Topics.TABLE_INDICATORS, serdes.indicatorKey().deserializer(),
                serdes.indicatorValue().deserializer());
        benchmarks = driver.createOutputTopic(Topics.TABLE_BENCHMARKS, serdes.benchmarkKey().deserializer(),
                serdes.benchmarkRow().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
        SchemaRegistryClients.dropScope(scope);
    }

    @Test
    void perInhabitantTableAndNationalBenchmarkWithHandCheckedNumbers() {
        // per inhabitant: A = 100, B = 200, C = 400, D = 300 euros
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        municipality("GM0002", 2_000_000, 10_000, 40_000_000);
        municipality("GM0003", 8_000_000, 20_000, 80_000_000);
        municipality("GM0004", 3_000_000, 10_000, 60_000_000);

        Map<IndicatorKey, IndicatorValue> table = latest(indicators);
        assertThat(table.get(key("GM0003", PER_INHABITANT)).getValue()).isEqualTo(400.0);
        assertThat(table.get(key("GM0004", "iv3.lasten.6.1.share_of_total")).getValue()).isEqualTo(5.0);

        BenchmarkRow row = latest(benchmarks).get(new BenchmarkKey(PER_INHABITANT, "2023", "national", "NL"));
        // sorted 100, 200, 300, 400: type-7 p10 = 100 + 0.3 * 100, p25 = 175, median 250, p75 = 325, p90 = 370
        assertThat(row.getN()).isEqualTo(4);
        assertThat(row.getMean()).isEqualTo(250.0);
        assertThat(row.getMin()).isEqualTo(100.0);
        assertThat(row.getP10()).isCloseTo(130.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(row.getP25()).isEqualTo(175.0);
        assertThat(row.getMedian()).isEqualTo(250.0);
        assertThat(row.getP75()).isEqualTo(325.0);
        assertThat(row.getP90()).isCloseTo(370.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(row.getMax()).isEqualTo(400.0);
        assertThat(row.getGroupSize()).isEqualTo(342);
        assertThat(row.getCoverage()).isEqualTo(4 / 342.0);
    }

    @Test
    void correctionReplacesTheOldValueInTableAndBenchmark() {
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        municipality("GM0002", 2_000_000, 10_000, 40_000_000);
        // a corrected account of GM0001: same observation identity, new amount
        observations.pipeInput(new MunicipalitySphereKey("GM0001", Sphere.INSTITUTIONAL), iv3Lasten61("GM0001", "2023", 5_000_000));

        assertThat(latest(indicators).get(key("GM0001", PER_INHABITANT)).getValue()).isEqualTo(500.0);
        BenchmarkRow row = latest(benchmarks).get(new BenchmarkKey(PER_INHABITANT, "2023", "national", "NL"));
        assertThat(row.getN()).isEqualTo(2);
        assertThat(row.getMean()).isEqualTo(350.0);
        assertThat(row.getMax()).isEqualTo(500.0);
    }

    @Test
    void municipalityWithoutAmountIsMissingFromTheBenchmark() {
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        observations.pipeInput(new MunicipalitySphereKey("GM0002", Sphere.CONTEXT), inhabitants("GM0002", "2023", 5_000, "iv3"));

        Map<IndicatorKey, IndicatorValue> table = latest(indicators);
        assertThat(table).containsKey(key("GM0002", "population.inhabitants"));
        assertThat(table).doesNotContainKey(key("GM0002", PER_INHABITANT));
        assertThat(latest(benchmarks).get(new BenchmarkKey(PER_INHABITANT, "2023", "national", "NL")).getN()).isEqualTo(1);
    }

    @Test
    void replayLeavesTablesUnchanged() {
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        municipality("GM0002", 2_000_000, 10_000, 40_000_000);
        Map<IndicatorKey, IndicatorValue> tableBefore = latest(indicators);
        Map<BenchmarkKey, BenchmarkRow> benchBefore = latest(benchmarks);

        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        municipality("GM0002", 2_000_000, 10_000, 40_000_000);
        Map<IndicatorKey, IndicatorValue> tableAfter = new LinkedHashMap<>(tableBefore);
        tableAfter.putAll(latest(indicators));
        Map<BenchmarkKey, BenchmarkRow> benchAfter = new LinkedHashMap<>(benchBefore);
        benchAfter.putAll(latest(benchmarks));

        assertThat(tableAfter).isEqualTo(tableBefore);
        assertThat(benchAfter).isEqualTo(benchBefore);
    }

    @Test
    void districtObservationsDoNotEnterMunicipalityRows() {
        Observation district = Observation.newBuilder(inhabitants("GM0001", "2023", 99, "cbs-kwb")).setAreaCode("WK000100")
                .setObservationId("district").build();
        observations.pipeInput(new MunicipalitySphereKey("GM0001", Sphere.CONTEXT), district);
        assertThat(indicators.isEmpty()).isTrue();
    }

    private void municipality(String code, double lasten61, double inhabitantCount, double totalLasten) {
        observations.pipeInput(new MunicipalitySphereKey(code, Sphere.INSTITUTIONAL), iv3Lasten61(code, "2023", lasten61));
        observations.pipeInput(new MunicipalitySphereKey(code, Sphere.CONTEXT), inhabitants(code, "2023", inhabitantCount, "iv3"));
        observations.pipeInput(new MunicipalitySphereKey(code, Sphere.CONTEXT), iv3LastenTotal(code, "2023", totalLasten));
    }

    private static IndicatorKey key(String municipality, String indicator) {
        Sphere sphere = indicator.startsWith("iv3.lasten.6.1") ? Sphere.INSTITUTIONAL : Sphere.CONTEXT;
        return new IndicatorKey(municipality, sphere, indicator, "2023");
    }

    private static <K, V> Map<K, V> latest(TestOutputTopic<K, V> topic) {
        Map<K, V> map = new LinkedHashMap<>();
        topic.readKeyValuesToList().forEach(kv -> map.put(kv.key, kv.value));
        return map;
    }
}
