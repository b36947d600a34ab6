package nl.sobamo.aggregate.stream;

import static nl.sobamo.aggregate.fixtures.TestObservations.area;
import static nl.sobamo.aggregate.fixtures.TestObservations.inhabitants;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3Lasten61;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3LastenTotal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.config.Norm;
import nl.sobamo.aggregate.fixtures.TopologyHarness;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Sphere;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Peer groups from the area reference. Six municipalities, per-inhabitant 6.1 lasten 2023:
 * <pre>
 *   GM0001 100  S U1 PV20      GM0004 400  L U1 PV21
 *   GM0002 200  S U2 PV20      GM0005 500  L U2 PV20
 *   GM0003 300  S U1 PV21      GM0006  -   L U2 PV21   (in the reference, no Iv3 account)
 * </pre>
 */
class PeerGroupTopologyTest {

    private static final String PER_INHABITANT = "iv3.lasten.6.1.per_inhabitant";

    private TopologyHarness t = new TopologyHarness(AggregateConfig.defaults()
            .withNorms(Norm.parseAll(PER_INHABITANT + ">=250@test norm")));

    @AfterEach
    void tearDown() {
        t.close();
    }

    private void references() {
        t.areas.pipeInput("GM0001", area("GM0001", "S", "U1", "PV20"));
        t.areas.pipeInput("GM0002", area("GM0002", "S", "U2", "PV20"));
        t.areas.pipeInput("GM0003", area("GM0003", "S", "U1", "PV21"));
        t.areas.pipeInput("GM0004", area("GM0004", "L", "U1", "PV21"));
        t.areas.pipeInput("GM0005", area("GM0005", "L", "U2", "PV20"));
        t.areas.pipeInput("GM0006", area("GM0006", "L", "U2", "PV21"));
    }

    private void values() {
        for (int i = 1; i <= 5; i++) {
            String code = "GM000" + i;
            t.observe(iv3Lasten61(code, "2023", i * 1_000_000));
            t.observe(inhabitants(code, "2023", 10_000, "iv3"));
            t.observe(iv3LastenTotal(code, "2023", 100_000_000));
        }
    }

    @Test
    void benchmarkRowsForEveryGroupTypeWithHandCheckedNumbers() {
        references();
        values();
        t.tick();
        Map<BenchmarkKey, BenchmarkRow> rows = t.benchmarkTable();

        BenchmarkRow national = rows.get(bk("national", "NL"));
        // 100..500: median 300, p25 200, p75 400, p10 = 100 + 0.4 * 100, p90 = 400 + 0.6 * 100
        assertThat(national.getN()).isEqualTo(5);
        assertThat(national.getGroupSize()).isEqualTo(6); // from the reference now, not the 342 fallback
        assertThat(national.getCoverage()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(national.getMedian()).isEqualTo(300.0);
        assertThat(national.getP10()).isCloseTo(140.0, within(1e-9));
        assertThat(national.getP90()).isCloseTo(460.0, within(1e-9));

        BenchmarkRow small = rows.get(bk("size-class", "S"));
        // 100, 200, 300: p10 = 100 + 0.2 * 100, p25 = 150, median 200, p75 250, p90 = 200 + 0.8 * 100
        assertThat(small.getN()).isEqualTo(3);
        assertThat(small.getGroupSize()).isEqualTo(3);
        assertThat(small.getCoverage()).isEqualTo(1.0);
        assertThat(small.getP10()).isCloseTo(120.0, within(1e-9));
        assertThat(small.getP25()).isEqualTo(150.0);
        assertThat(small.getMedian()).isEqualTo(200.0);
        assertThat(small.getP75()).isEqualTo(250.0);
        assertThat(small.getP90()).isCloseTo(280.0, within(1e-9));

        BenchmarkRow large = rows.get(bk("size-class", "L"));
        assertThat(large.getN()).isEqualTo(2);
        assertThat(large.getGroupSize()).isEqualTo(3); // GM0006 is a member without a value
        assertThat(large.getMedian()).isEqualTo(450.0);

        assertThat(rows.get(bk("urbanity", "U1")).getMedian()).isEqualTo(300.0); // 100, 300, 400
        assertThat(rows.get(bk("urbanity", "U2")).getN()).isEqualTo(2);           // 200, 500
        assertThat(rows.get(bk("province", "PV20")).getMedian()).isEqualTo(200.0); // 100, 200, 500
        assertThat(rows.get(bk("province", "PV21")).getMean()).isEqualTo(350.0);   // 300, 400
        assertThat(rows.get(bk("size-urbanity", "S|U1")).getMean()).isEqualTo(200.0); // 100, 300
        assertThat(rows.get(bk("size-urbanity", "L|U2")).getGroupSize()).isEqualTo(2);
        assertThat(rows.get(bk("size-urbanity", "L|U2")).getN()).isEqualTo(1);
        assertThat(rows.keySet().stream().filter(k -> k.getIndicatorId().equals(PER_INHABITANT)))
                .hasSize(1 + 2 + 2 + 2 + 4);

        // minimum norm >= 250: 300, 400, 500 nationally; only 300 among the small ones
        assertThat(national.getNormValue()).isEqualTo(250.0);
        assertThat(national.getNormDirection()).isEqualTo("AT_LEAST");
        assertThat(national.getNormSource()).isEqualTo("test norm");
        assertThat(national.getMeetingNorm()).isEqualTo(3);
        assertThat(national.getShareMeetingNorm()).isCloseTo(0.6, within(1e-12));
        assertThat(small.getMeetingNorm()).isEqualTo(1);
        // absolute amounts are context only: no benchmark row
        assertThat(rows).doesNotContainKey(new BenchmarkKey("population.inhabitants", "2023", "national", "NL"));
        assertThat(rows).doesNotContainKey(new BenchmarkKey("iv3.lasten.6.1", "2023", "national", "NL"));
    }

    @Test
    void positionsNationallyAndWithinTheSizeClass() {
        references();
        values();
        t.tick();
        Map<IndicatorKey, IndicatorValue> table = t.positionedTable();

        IndicatorValue gm3 = table.get(ik("GM0003"));
        // national 100..500: 2 below, 1 equal -> 2.5 / 5 = 50; 300 <= median 300 -> quartile 2
        assertThat(gm3.getPercentileRankNational()).isEqualTo(50.0);
        assertThat(gm3.getQuartileNational()).isEqualTo(2);
        assertThat(gm3.getDistanceToNationalMedian()).isEqualTo(0.0);
        // size class S (100, 200, 300): 2 below, 1 equal -> 2.5 / 3
        assertThat(gm3.getPeerGroupType()).isEqualTo("size-class");
        assertThat(gm3.getPeerGroupValue()).isEqualTo("S");
        assertThat(gm3.getPercentileRankPeer()).isCloseTo(250 / 3.0, within(1e-9));
        assertThat(gm3.getPeerMedian()).isEqualTo(200.0);
        assertThat(gm3.getMeetsNorm()).isTrue();

        IndicatorValue gm4 = table.get(ik("GM0004"));
        // national: 3 below -> 3.5 / 5 = 70; 400 <= p75 400 -> quartile 3; size class L (400, 500) -> 25
        assertThat(gm4.getPercentileRankNational()).isEqualTo(70.0);
        assertThat(gm4.getQuartileNational()).isEqualTo(3);
        assertThat(gm4.getDistanceToNationalMedian()).isEqualTo(100.0);
        assertThat(gm4.getPercentileRankPeer()).isEqualTo(25.0);
        assertThat(gm4.getPeerMedian()).isEqualTo(450.0);
        assertThat(table.get(ik("GM0002")).getMeetsNorm()).isFalse();
    }

    @Test
    void aReferenceArrivingAfterTheObservationsRegroupsEverything() {
        values();
        t.tick();
        assertThat(t.benchmarkTable().keySet()).extracting(BenchmarkKey::getGroupType).containsOnly("national");
        assertThat(t.positionTable().get(ik("GM0003")).getPeerGroupValue()).isNull();

        references();
        t.tick();
        assertThat(t.benchmarkTable().get(bk("size-class", "S")).getN()).isEqualTo(3);
        assertThat(t.benchmarkTable().get(bk("national", "NL")).getGroupSize()).isEqualTo(6);
        assertThat(t.positionTable().get(ik("GM0003")).getPercentileRankPeer()).isCloseTo(250 / 3.0, within(1e-9));
    }

    @Test
    void aMunicipalityChangingSizeClassMovesGroupsAndAnEmptiedGroupIsDeleted() {
        references();
        values();
        t.tick();
        t.newBenchmarkRecords();
        t.newPositionRecords();

        // GM0004 (400) becomes a small municipality: L|U1 had only GM0004
        t.areas.pipeInput("GM0004", area("GM0004", "S", "U1", "PV21"));
        t.tick();

        List<KeyValue<BenchmarkKey, BenchmarkRow>> published = t.newBenchmarkRecords();
        assertThat(published).anySatisfy(kv -> {
            assertThat(kv.key).isEqualTo(bk("size-urbanity", "L|U1"));
            assertThat(kv.value).isNull(); // tombstone: the group has no member with a value any more
        });
        Map<BenchmarkKey, BenchmarkRow> rows = t.benchmarkTable();
        assertThat(rows).doesNotContainKey(bk("size-urbanity", "L|U1"));
        assertThat(rows.get(bk("size-class", "S")).getN()).isEqualTo(4);      // 100, 200, 300, 400
        assertThat(rows.get(bk("size-class", "S")).getMedian()).isEqualTo(250.0);
        assertThat(rows.get(bk("size-class", "L")).getN()).isEqualTo(1);      // 500
        assertThat(rows.get(bk("size-class", "L")).getGroupSize()).isEqualTo(2);
        // the national row did not change, so it was not published again
        assertThat(published).noneMatch(kv -> kv.key.equals(bk("national", "NL")));
        assertThat(t.positionTable().get(ik("GM0004")).getPercentileRankPeer()).isEqualTo(87.5); // 3.5 / 4
    }

    @Test
    void oneUpdatePublishesItsOwnRowsAndOnlyThePositionsThatChanged() {
        references();
        values();
        t.tick();
        t.newBenchmarkRecords();
        t.newIndicatorRecords();
        t.newPositionRecords();

        // GM0001's 6.1 lasten rise from 1.0 to 1.5 million: per inhabitant 100 -> 150. It stays the lowest, the
        // national median (300), p25 and p75 and every other rank stay as they were
        t.observe(iv3Lasten61("GM0001", "2023", 1_500_000));
        // the rows are published at once, before the positions step runs
        List<KeyValue<IndicatorKey, IndicatorValue>> rows = t.newIndicatorRecords();
        assertThat(rows).extracting(kv -> kv.key.getMunicipalityCode()).containsOnly("GM0001");
        assertThat(rows).extracting(kv -> kv.key.getIndicatorId())
                .containsExactlyInAnyOrder(PER_INHABITANT, "iv3.lasten.6.1", "iv3.lasten.6.1.share_of_total");
        t.tick();
        assertThat(t.newIndicatorRecords()).isEmpty();
        // positions: only GM0001's own (its value changed) for the two benchmarked indicators
        List<KeyValue<IndicatorKey, IndicatorPosition>> positions = t.newPositionRecords();
        assertThat(positions).extracting(kv -> kv.key.getMunicipalityCode()).containsOnly("GM0001");
        assertThat(positions).extracting(kv -> kv.key.getIndicatorId())
                .containsExactlyInAnyOrder(PER_INHABITANT, "iv3.lasten.6.1.share_of_total");
        List<KeyValue<BenchmarkKey, BenchmarkRow>> benchmarks = t.newBenchmarkRecords();
        assertThat(benchmarks).allMatch(kv -> kv.key.getIndicatorId().startsWith("iv3.lasten.6.1"));
        // GM0001's groups only: national, S, U1, PV20, S|U1 for each of the three indicators
        assertThat(benchmarks).extracting(kv -> kv.key.getGroupValue()).containsOnly("NL", "S", "U1", "PV20", "S|U1");
        assertThat(t.benchmarkTable().get(bk("national", "NL")).getP10()).isCloseTo(170.0, within(1e-9));

        // now to 350: the median moves to 350, so every municipality's distance to it changes and GM0002 is lowest
        t.observe(iv3Lasten61("GM0001", "2023", 3_500_000));
        t.tick();
        assertThat(t.newIndicatorRecords()).extracting(kv -> kv.key.getMunicipalityCode()).containsOnly("GM0001");
        positions = t.newPositionRecords();
        assertThat(positions.stream().filter(kv -> kv.key.getIndicatorId().equals(PER_INHABITANT)))
                .extracting(kv -> kv.key.getMunicipalityCode()).containsExactlyInAnyOrder("GM0001", "GM0002", "GM0003",
                        "GM0004", "GM0005");
        Map<IndicatorKey, IndicatorValue> table = t.positionedTable();
        assertThat(table.get(ik("GM0001")).getPercentileRankNational()).isEqualTo(50.0);  // 200 300 [350] 400 500
        assertThat(table.get(ik("GM0002")).getPercentileRankNational()).isEqualTo(10.0);
        assertThat(table.get(ik("GM0004")).getDistanceToNationalMedian()).isEqualTo(50.0);
    }

    private static BenchmarkKey bk(String type, String value) {
        return new BenchmarkKey(PER_INHABITANT, "2023", type, value);
    }

    private static IndicatorKey ik(String municipality) {
        return new IndicatorKey(municipality, Sphere.INSTITUTIONAL, PER_INHABITANT, "2023");
    }
}
