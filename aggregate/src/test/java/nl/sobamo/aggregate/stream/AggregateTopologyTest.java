package nl.sobamo.aggregate.stream;

import static nl.sobamo.aggregate.fixtures.TestObservations.inhabitants;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3Lasten61;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3LastenTotal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.config.CatchUp;
import nl.sobamo.aggregate.fixtures.TopologyHarness;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.Sphere;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AggregateTopologyTest {

    private static final String PER_INHABITANT = "iv3.lasten.6.1.per_inhabitant";
    private static final BenchmarkKey NATIONAL = new BenchmarkKey(PER_INHABITANT, "2023", "national", "NL");

    private final TopologyHarness t = new TopologyHarness();

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void perInhabitantTableAndNationalBenchmarkWithHandCheckedNumbers() {
        // per inhabitant: A = 100, B = 200, C = 400, D = 300 euros
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        municipality("GM0002", 2_000_000, 10_000, 40_000_000);
        municipality("GM0003", 8_000_000, 20_000, 80_000_000);
        municipality("GM0004", 3_000_000, 10_000, 60_000_000);
        t.tick();

        // the indicator rows carry no positions any more (sobamo.tables.positions.v1 does)
        assertThat(t.indicatorTable().values()).allSatisfy(v -> assertThat(v.getPercentileRankNational()).isNull());
        Map<IndicatorKey, IndicatorValue> table = t.positionedTable();
        assertThat(table.get(key("GM0003", PER_INHABITANT)).getValue()).isEqualTo(400.0);
        assertThat(table.get(key("GM0004", "iv3.lasten.6.1.share_of_total")).getValue()).isEqualTo(5.0);

        BenchmarkRow row = t.benchmarkTable().get(NATIONAL);
        // sorted 100, 200, 300, 400: type-7 p10 = 100 + 0.3 * 100, p25 = 175, median 250, p75 = 325, p90 = 370
        assertThat(row.getN()).isEqualTo(4);
        assertThat(row.getMean()).isEqualTo(250.0);
        assertThat(row.getMin()).isEqualTo(100.0);
        assertThat(row.getP10()).isCloseTo(130.0, within(1e-9));
        assertThat(row.getP25()).isEqualTo(175.0);
        assertThat(row.getMedian()).isEqualTo(250.0);
        assertThat(row.getP75()).isEqualTo(325.0);
        assertThat(row.getP90()).isCloseTo(370.0, within(1e-9));
        assertThat(row.getMax()).isEqualTo(400.0);
        // no area reference yet: the national group has the configured 342 municipalities
        assertThat(row.getGroupSize()).isEqualTo(342);
        assertThat(row.getCoverage()).isEqualTo(4 / 342.0);

        // positions: 400 is the highest of 4 distinct values -> (3 + 0.5) / 4 = 87.5; above p75 325 -> quartile 4
        IndicatorValue c = table.get(key("GM0003", PER_INHABITANT));
        assertThat(c.getPercentileRankNational()).isEqualTo(87.5);
        assertThat(c.getQuartileNational()).isEqualTo(4);
        assertThat(c.getNationalMedian()).isEqualTo(250.0);
        assertThat(c.getDistanceToNationalMedian()).isEqualTo(150.0);
        IndicatorValue a = table.get(key("GM0001", PER_INHABITANT));
        assertThat(a.getPercentileRankNational()).isEqualTo(12.5);
        assertThat(a.getQuartileNational()).isEqualTo(1);
        assertThat(table.get(key("GM0002", PER_INHABITANT)).getQuartileNational()).isEqualTo(2); // 200 <= 250
        assertThat(table.get(key("GM0004", PER_INHABITANT)).getQuartileNational()).isEqualTo(3); // 250 < 300 <= 325
        // without an area reference there is no peer group
        assertThat(c.getPeerGroupType()).isNull();
        assertThat(c.getPercentileRankPeer()).isNull();
    }

    @Test
    void rowsArePublishedAtOnceAndPositionsWhenThePositionsStepRuns() {
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        assertThat(t.newIndicatorRecords()).isNotEmpty();
        assertThat(t.newPositionRecords()).isEmpty();
        t.tick();
        assertThat(t.newPositionRecords()).isNotEmpty();
        // re-ranking does not republish the rows
        assertThat(t.newIndicatorRecords()).isEmpty();
        IndicatorPosition p = t.positionTable().get(key("GM0001", PER_INHABITANT));
        assertThat(p.getValue()).isEqualTo(100.0);
        assertThat(p.getPercentileRankNational()).isEqualTo(50.0);
    }

    @Test
    void eachRowIsPublishedOncePerValueChange() {
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        assertThat(t.newIndicatorRecords()).hasSize(6);
        // a less authoritative source for the inhabitants (CBS Kerncijfers outrank the Iv3 file): no row changes
        t.observe(inhabitants("GM0001", "2023", 10_000, "iv3-late"));
        assertThat(t.newIndicatorRecords()).isEmpty();
        t.observe(iv3Lasten61("GM0001", "2023", 2_000_000));
        assertThat(t.newIndicatorRecords()).extracting(kv -> kv.key.getIndicatorId())
                .containsExactlyInAnyOrder("iv3.lasten.6.1", PER_INHABITANT, "iv3.lasten.6.1.share_of_total");
    }

    @Test
    void whileInputFlowsARunStaysWithinItsBudgetAndTheRestFollowsWhenInputPauses() {
        try (TopologyHarness tight = new TopologyHarness(nl.sobamo.aggregate.config.AggregateConfig.defaults()
                .withPositionBudget(java.time.Duration.ofNanos(1)))) {
            // one municipality: 6 indicator-periods (6.1, inhabitants, total, 6.1 per inhabitant and share, total per
            // inhabitant) become dirty
            tight.observe(iv3Lasten61("GM0001", "2023", 1_000_000));
            tight.observe(inhabitants("GM0001", "2023", 10_000, "iv3"));
            tight.observe(iv3LastenTotal("GM0001", "2023", 20_000_000));
            assertThat(tight.indicatorTable()).hasSize(6); // the rows do not wait for the positions step
            assertThat(tight.pendingIndicatorPeriods()).isEqualTo(6);
            tight.tickOnce(); // input arrived since the last run: the budget (1 ns) allows one indicator-period
            assertThat(tight.pendingIndicatorPeriods()).isEqualTo(5);
            tight.tickOnce(); // no input since: the rest in one run
            assertThat(tight.pendingIndicatorPeriods()).isZero();
            assertThat(tight.positionTable()).containsKey(key("GM0001", PER_INHABITANT));
        }
    }

    @Test
    void whileCatchingUpPositionsWaitUntilTheStepHasCaughtUp() {
        try (TopologyHarness replay = new TopologyHarness(AggregateConfig.defaults()
                .withCatchUp(new CatchUp(Duration.ofSeconds(10), Duration.ofMinutes(2))))) {
            // rows an hour behind the wall clock: a replay (or a national load the step is behind on)
            replay.observeBehind(iv3Lasten61("GM0001", "2023", 1_000_000), Duration.ofHours(1));
            replay.observeBehind(inhabitants("GM0001", "2023", 10_000, "iv3"), Duration.ofHours(1));
            replay.observeBehind(iv3LastenTotal("GM0001", "2023", 20_000_000), Duration.ofHours(1));
            assertThat(replay.indicatorTable()).hasSize(6); // the rows themselves never wait
            replay.advance(Duration.ofSeconds(9)); // rows behind arrived within the lag: still catching up, positions wait
            assertThat(replay.pendingIndicatorPeriods()).isEqualTo(6);
            assertThat(replay.positionTable()).isEmpty();
            assertThat(replay.benchmarkTable()).isEmpty();
            assertThat(replay.backlog.catchingUp()).isOne(); // what the gauges show
            assertThat(replay.backlog.pending()).isEqualTo(6);
            replay.advance(Duration.ofSeconds(1)); // no row behind for the lag (10 s): caught up, each indicator-period once
            assertThat(replay.pendingIndicatorPeriods()).isZero();
            assertThat(replay.backlog.catchingUp()).isZero();
            assertThat(replay.backlog.pending()).isZero();
            var published = replay.newPositionRecords();
            assertThat(published).extracting(kv -> kv.key).doesNotHaveDuplicates().contains(key("GM0001", PER_INHABITANT));
        }
    }

    @Test
    void aRowWithinTheLagEndsTheCatchUpAtOnce() {
        try (TopologyHarness replay = new TopologyHarness(AggregateConfig.defaults()
                .withCatchUp(new CatchUp(Duration.ofSeconds(10), Duration.ofMinutes(2))))) {
            replay.observeBehind(iv3Lasten61("GM0001", "2023", 1_000_000), Duration.ofHours(1));
            replay.observeBehind(inhabitants("GM0001", "2023", 10_000, "iv3"), Duration.ofHours(1));
            replay.tickOnce();
            assertThat(replay.positionTable()).isEmpty();
            replay.observe(iv3Lasten61("GM0002", "2023", 2_000_000)); // a live row: the replay is over
            replay.tickOnce();
            assertThat(replay.positionTable()).containsKey(key("GM0001", PER_INHABITANT));
        }
    }

    @Test
    void whileCatchingUpAnIndicatorPeriodWaitsAtMostTheCatchUpMaxDelay() {
        try (TopologyHarness replay = new TopologyHarness(AggregateConfig.defaults()
                .withCatchUp(new CatchUp(Duration.ofSeconds(10), Duration.ofSeconds(1))))) {
            replay.observeBehind(iv3Lasten61("GM0001", "2023", 1_000_000), Duration.ofHours(1));
            replay.observeBehind(inhabitants("GM0001", "2023", 10_000, "iv3"), Duration.ofHours(1));
            // an endless replay: another municipality's row behind before every run keeps the step catching up
            for (int run = 0; run < 9; run++) {
                replay.observeBehind(iv3Lasten61("GM%04d".formatted(100 + run), "2023", 1_000_000), Duration.ofHours(1));
                replay.tickOnce();
            }
            assertThat(replay.positionTable()).isEmpty(); // 0.9 s after the first change
            replay.observeBehind(iv3Lasten61("GM0200", "2023", 1_000_000), Duration.ofHours(1));
            replay.tickOnce(); // 1 s after its first change: published although rows behind keep arriving
            assertThat(replay.positionTable()).containsKey(key("GM0001", PER_INHABITANT));
        }
    }

    @Test
    void aBurstWritesEachDirtyMarkOnceNotOncePerRow() {
        for (int i = 1; i <= 5; i++) {
            municipality("GM000" + i, i * 1_000_000, 10_000, 20_000_000); // five rows per indicator-period, one burst
        }
        assertThat(t.dirtyMarkWrites()).extracting(kv -> kv.key).doesNotHaveDuplicates().hasSize(6);
        t.tick();
        assertThat(t.pendingIndicatorPeriods()).isZero();
        assertThat(t.positionTable()).containsKey(key("GM0005", PER_INHABITANT));
        assertThat(t.dirtyMarkWrites()).hasSize(6).allSatisfy(kv -> assertThat(kv.value).isNull()); // only the deletes
    }

    @Test
    void rowsThatAreNotBehindArePositionedAtTheNextRun() {
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        t.tickOnce(); // input flowing but not behind: single changes are published at the next run
        assertThat(t.positionTable()).containsKey(key("GM0001", PER_INHABITANT));
    }

    @Test
    void aMoreAuthoritativeSourceForTheDenominatorRecomputesTheDerivedRows() {
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        t.tick();
        assertThat(t.indicatorTable().get(key("GM0001", PER_INHABITANT)).getValue()).isEqualTo(100.0);
        // CBS Kerncijfers inhabitants outrank the Iv3 file's (SourcePriority): 1,000,000 / 20,000
        t.observe(inhabitants("GM0001", "2023", 20_000, "cbs-kwb"));
        t.tick();
        IndicatorValue row = t.indicatorTable().get(key("GM0001", PER_INHABITANT));
        assertThat(row.getValue()).isEqualTo(50.0);
        assertThat(row.getProvenance()).extracting(p -> p.getSource()).containsExactly("iv3", "cbs-kwb");
        assertThat(t.indicatorTable().get(key("GM0001", "population.inhabitants")).getValue()).isEqualTo(20_000.0);
    }

    @Test
    void correctionReplacesTheOldValueInTableAndBenchmark() {
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        municipality("GM0002", 2_000_000, 10_000, 40_000_000);
        t.tick();
        // a corrected account of GM0001: same observation identity, new amount
        t.observe(iv3Lasten61("GM0001", "2023", 5_000_000));
        t.tick();

        assertThat(t.indicatorTable().get(key("GM0001", PER_INHABITANT)).getValue()).isEqualTo(500.0);
        BenchmarkRow row = t.benchmarkTable().get(NATIONAL);
        assertThat(row.getN()).isEqualTo(2);
        assertThat(row.getMean()).isEqualTo(350.0);
        assertThat(row.getMax()).isEqualTo(500.0);
        // GM0002's rank moved from top to bottom although only GM0001 changed
        assertThat(t.positionedTable().get(key("GM0002", PER_INHABITANT)).getPercentileRankNational()).isEqualTo(25.0);
    }

    @Test
    void municipalityWithoutAmountIsMissingFromTheBenchmark() {
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        t.observe(inhabitants("GM0002", "2023", 5_000, "iv3"));
        t.tick();

        Map<IndicatorKey, IndicatorValue> table = t.indicatorTable();
        assertThat(table).containsKey(key("GM0002", "population.inhabitants"));
        assertThat(table).doesNotContainKey(key("GM0002", PER_INHABITANT));
        assertThat(t.benchmarkTable().get(NATIONAL).getN()).isEqualTo(1);
    }

    @Test
    void replayLeavesTablesUnchangedAndPublishesNothingNew() {
        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        municipality("GM0002", 2_000_000, 10_000, 40_000_000);
        t.tick();
        Map<IndicatorKey, IndicatorValue> tableBefore = new LinkedHashMap<>(t.indicatorTable());
        Map<BenchmarkKey, BenchmarkRow> benchBefore = new LinkedHashMap<>(t.benchmarkTable());
        Map<IndicatorKey, IndicatorPosition> positionsBefore = new LinkedHashMap<>(t.positionTable());

        municipality("GM0001", 1_000_000, 10_000, 20_000_000);
        municipality("GM0002", 2_000_000, 10_000, 40_000_000);
        t.tick();

        assertThat(t.newIndicatorRecords()).isEmpty();
        assertThat(t.newBenchmarkRecords()).isEmpty();
        assertThat(t.newPositionRecords()).isEmpty();
        assertThat(t.positionTable()).isEqualTo(positionsBefore);
        assertThat(t.indicatorTable()).isEqualTo(tableBefore);
        assertThat(t.benchmarkTable()).isEqualTo(benchBefore);
    }

    @Test
    void districtObservationsDoNotEnterMunicipalityRows() {
        Observation district = Observation.newBuilder(inhabitants("GM0001", "2023", 99, "cbs-kwb")).setAreaCode("WK000100")
                .setObservationId("district").build();
        t.observe(district);
        t.tick();
        assertThat(t.indicators.isEmpty()).isTrue();
    }

    private void municipality(String code, double lasten61, double inhabitantCount, double totalLasten) {
        t.observe(iv3Lasten61(code, "2023", lasten61));
        t.observe(inhabitants(code, "2023", inhabitantCount, "iv3"));
        t.observe(iv3LastenTotal(code, "2023", totalLasten));
    }

    private static IndicatorKey key(String municipality, String indicator) {
        Sphere sphere = indicator.startsWith("iv3.lasten.6.1") ? Sphere.INSTITUTIONAL : Sphere.CONTEXT;
        return new IndicatorKey(municipality, sphere, indicator, "2023");
    }
}
