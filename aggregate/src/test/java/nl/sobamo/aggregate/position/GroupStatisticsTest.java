package nl.sobamo.aggregate.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.reference.AreaDirectory;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Sphere;
import org.junit.jupiter.api.Test;

/** Benchmarks and positions against an independent, deliberately naive computation over 342 municipalities. */
class GroupStatisticsTest {

    @Test
    void percentilesAndRanksMatchANaiveComputationIncludingTies() {
        Random random = new Random(7);
        List<IndicatorValue> members = new ArrayList<>();
        Map<String, AreaReference> refs = new HashMap<>();
        for (int i = 0; i < 342; i++) {
            String code = String.format("GM%04d", i);
            // whole euros 0..399 so that ties occur
            members.add(value(code, random.nextInt(400)));
            refs.put(code, AreaReference.newBuilder().setCode(code).setLevel("GM").setSizeClass("K" + (i % 7))
                    .setUrbanity("U" + (i % 5)).setProvince("PV" + (i % 12)).build());
        }
        GroupStatistics.Result r = GroupStatistics.compute("x", "2023", members, new AreaDirectory(refs, 342),
                AggregateConfig.defaults());

        double[] all = members.stream().mapToDouble(IndicatorValue::getValue).toArray();
        BenchmarkRow national = r.benchmarks().get(new BenchmarkKey("x", "2023", "national", "NL"));
        assertThat(national.getN()).isEqualTo(342);
        assertThat(national.getCoverage()).isEqualTo(1.0);
        for (double p : new double[] {0.10, 0.25, 0.50, 0.75, 0.90}) {
            double expected = excelPercentileInc(all, p);
            double actual = switch ((int) Math.round(p * 100)) {
                case 10 -> national.getP10();
                case 25 -> national.getP25();
                case 50 -> national.getMedian();
                case 75 -> national.getP75();
                default -> national.getP90();
            };
            assertThat(actual).as("p%s", p).isCloseTo(expected, within(1e-9));
        }
        BenchmarkRow k3 = r.benchmarks().get(new BenchmarkKey("x", "2023", "size-class", "K3"));
        double[] k3Values = new double[k3.getN()];
        int j = 0;
        for (int i = 3; i < 342; i += 7) {
            k3Values[j++] = members.get(i).getValue();
        }
        assertThat(j).isEqualTo(k3.getN()).isEqualTo(49);
        assertThat(k3.getMedian()).isCloseTo(excelPercentileInc(k3Values, 0.5), within(1e-9));

        for (IndicatorValue m : members) {
            IndicatorPosition p = r.positions().get(StoreKeys.member(m));
            assertThat(p.getValue()).isEqualTo(m.getValue());
            assertThat(p.getPercentileRankNational()).isCloseTo(naiveRank(all, m.getValue()), within(1e-9));
            assertThat(p.getDistanceToNationalMedian()).isCloseTo(m.getValue() - national.getMedian(), within(1e-9));
            int i = Integer.parseInt(m.getMunicipalityCode().substring(2));
            if (i % 7 == 3) {
                assertThat(p.getPercentileRankPeer()).isCloseTo(naiveRank(k3Values, m.getValue()), within(1e-9));
            }
        }
    }

    /** Excel PERCENTILE.INC with 1-based ranks: r = 1 + p (n - 1), interpolate between the r-th values. */
    private static double excelPercentileInc(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        double rank = 1 + p * (s.length - 1);
        int k = (int) rank;
        double fraction = rank - k;
        return k >= s.length ? s[s.length - 1] : s[k - 1] + fraction * (s[k] - s[k - 1]);
    }

    /** Count in a plain loop: below plus half of equal, over n, times 100. */
    private static double naiveRank(double[] values, double v) {
        double score = 0;
        for (double x : values) {
            if (x < v) {
                score += 1;
            } else if (x == v) {
                score += 0.5;
            }
        }
        return score * 100 / values.length;
    }

    private static IndicatorValue value(String code, double v) {
        return IndicatorValue.newBuilder().setIndicatorId("x").setMunicipalityCode(code).setSphere(Sphere.COMMUNAL)
                .setIngredient(Ingredient.INPUT).setPeriod("2023").setValue(v).setUnit("EUR_PER_INHABITANT").setProvenance(List.of())
                .setDataAsOf(Instant.EPOCH).build();
    }

    @Test
    void absoluteAmountsGetNeitherBenchmarkNorPosition() {
        List<IndicatorValue> members = List.of(value("GM0001", 10), value("GM0002", 20)).stream()
                .map(v -> IndicatorValue.newBuilder(v).setUnit("EUR").build()).toList();
        GroupStatistics.Result r = GroupStatistics.compute("x", "2023", members, AreaDirectory.empty(342),
                AggregateConfig.defaults());
        assertThat(r.benchmarks()).isEmpty();
        assertThat(r.positions()).isEmpty();
    }

    @Test
    void harmonisedRowsCountAgainstTodaysMunicipalitiesNotThoseOfTheirYear() {
        // 2020: GM0001, GM0002 and GM0003 existed; GM0002 and GM0003 merged into GM0004 (from 2021)
        Map<String, AreaReference> refs = new HashMap<>();
        refs.put("GM0001", AreaReference.newBuilder().setCode("GM0001").setLevel("GM").setSizeClass("S").build());
        refs.put("GM0002", AreaReference.newBuilder().setCode("GM0002").setLevel("GM").setValidToYear(2020).setSizeClass("S").build());
        refs.put("GM0003", AreaReference.newBuilder().setCode("GM0003").setLevel("GM").setValidToYear(2020).setSizeClass("S").build());
        refs.put("GM0004", AreaReference.newBuilder().setCode("GM0004").setLevel("GM").setValidFromYear(2021).setSizeClass("S").build());
        AreaDirectory directory = new AreaDirectory(refs, 342);
        List<IndicatorValue> harmonised = List.of(
                IndicatorValue.newBuilder(value("GM0001", 1)).setPeriod("2020").build(),
                IndicatorValue.newBuilder(value("GM0004", 2)).setPeriod("2020").setHarmonised(true).build());
        BenchmarkRow today = GroupStatistics.compute("x", "2020", harmonised, directory, AggregateConfig.defaults())
                .benchmarks().get(new BenchmarkKey("x", "2020", "national", "NL"));
        assertThat(today.getN()).isEqualTo(2);
        assertThat(today.getGroupSize()).as("today's two municipalities, not the three of 2020").isEqualTo(2);
        assertThat(today.getCoverage()).isEqualTo(1.0);

        List<IndicatorValue> ownYear = List.of(IndicatorValue.newBuilder(value("GM0001", 1)).setPeriod("2020").build(),
                IndicatorValue.newBuilder(value("GM0002", 2)).setPeriod("2020").build());
        BenchmarkRow of2020 = GroupStatistics.compute("x", "2020", ownYear, directory, AggregateConfig.defaults())
                .benchmarks().get(new BenchmarkKey("x", "2020", "national", "NL"));
        assertThat(of2020.getGroupSize()).as("rows on 2020 boundaries count against 2020's three").isEqualTo(3);
    }
}
