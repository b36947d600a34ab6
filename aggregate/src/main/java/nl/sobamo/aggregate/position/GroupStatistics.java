package nl.sobamo.aggregate.position;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.sobamo.aggregate.benchmark.Percentiles;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.config.Norm;
import nl.sobamo.aggregate.reference.AreaDirectory;
import nl.sobamo.aggregate.reference.PeerGroups;
import nl.sobamo.catalog.Unit;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;

/**
 * Benchmark rows of every group and the positions of every municipality, for one indicator and period. Pure
 * and deterministic: same members and reference give the same rows.
 *
 * <ul>
 *   <li>Percentiles: linear interpolation, Hyndman-Fan type 7 (numpy, R, Excel PERCENTILE.INC).</li>
 *   <li>Percentile rank of value v among n values: (number below v + half the number equal to v) / n x 100
 *       (scipy {@code percentileofscore(kind='mean')}); the lowest of 4 distinct values has 12.5, the highest 87.5.</li>
 *   <li>Quartile against the national row: 1 = v &lt;= p25, 2 = v &lt;= median, 3 = v &lt;= p75, 4 = above.</li>
 *   <li>Members without a value (missing or suppressed) are in no group and get no position.</li>
 *   <li>Only scale-free indicators (rates, scores, distances and catalog-normalised values, {@link Unit#scaleFree})
 *       are benchmarked and positioned; absolute amounts (euros, counts, ...) stay in the indicator table as
 *       context, without benchmark row or position: comparing Amsterdam's euros with Vlieland's says nothing.</li>
 *   <li>Coverage: a group's size is the number of municipalities the rows are expressed on (see
 *       {@link AreaDirectory#boundaryYear}), so n never exceeds it.</li>
 * </ul>
 */
public final class GroupStatistics {

    /**
     * {@code positions}: member key ({@link StoreKeys#member}) -> position, only for the members that have one (a
     * value in a benchmarked indicator); {@code benchmarks}: every group's row.
     */
    public record Result(Map<String, IndicatorPosition> positions, Map<BenchmarkKey, BenchmarkRow> benchmarks) {
    }

    private GroupStatistics() {
    }

    public static Result compute(String indicatorId, String period, List<IndicatorValue> members, AreaDirectory directory,
                                 AggregateConfig config) {
        if (members.isEmpty() || !Unit.scaleFree(members.get(0).getUnit())) {
            return unbenchmarked();
        }
        Integer boundaryYear = directory.boundaryYear(period, members.stream().filter(m -> m.getValue() != null)
                .map(IndicatorValue::getMunicipalityCode).toList(), members.stream().anyMatch(IndicatorValue::getHarmonised));
        // group key -> values of its members, deterministic order
        Map<BenchmarkKey, List<IndicatorValue>> groups = new TreeMap<>(GroupStatistics::compareKeys);
        Map<String, Map<String, String>> membership = new LinkedHashMap<>();
        for (IndicatorValue m : members) {
            Map<String, String> g = directory.groupsOf(m.getMunicipalityCode());
            membership.put(m.getMunicipalityCode(), g);
            if (m.getValue() == null) {
                continue;
            }
            g.forEach((type, value) -> groups.computeIfAbsent(new BenchmarkKey(indicatorId, period, type, value),
                    k -> new ArrayList<>()).add(m));
        }
        Norm norm = config.norms().get(indicatorId);
        Map<BenchmarkKey, BenchmarkRow> rows = new LinkedHashMap<>();
        Map<BenchmarkKey, double[]> sorted = new LinkedHashMap<>();
        for (Map.Entry<BenchmarkKey, List<IndicatorValue>> e : groups.entrySet()) {
            double[] values = e.getValue().stream().mapToDouble(IndicatorValue::getValue).sorted().toArray();
            sorted.put(e.getKey(), values);
            rows.put(e.getKey(), row(e.getKey(), e.getValue(), values, directory, boundaryYear, norm));
        }

        BenchmarkKey nationalKey = new BenchmarkKey(indicatorId, period, PeerGroups.NATIONAL, PeerGroups.NATIONAL_VALUE);
        BenchmarkRow national = rows.get(nationalKey);
        Map<String, IndicatorPosition> positions = new LinkedHashMap<>();
        for (IndicatorValue m : members) {
            Double v = m.getValue();
            if (v == null || national == null) {
                continue;
            }
            IndicatorPosition.Builder b = IndicatorPosition.newBuilder()
                    .setIndicatorId(m.getIndicatorId()).setMunicipalityCode(m.getMunicipalityCode())
                    .setSphere(m.getSphere()).setPeriod(m.getPeriod()).setValue(v)
                    .setPercentileRankNational(percentileRank(sorted.get(nationalKey), v))
                    .setQuartileNational(quartile(national, v))
                    .setNationalMedian(national.getMedian())
                    .setDistanceToNationalMedian(v - national.getMedian())
                    .setDataAsOf(m.getDataAsOf());
            String peerValue = membership.get(m.getMunicipalityCode()).get(config.peerGroupType());
            if (peerValue != null) {
                BenchmarkKey peerKey = new BenchmarkKey(indicatorId, period, config.peerGroupType(), peerValue);
                b.setPeerGroupType(config.peerGroupType()).setPeerGroupValue(peerValue)
                        .setPercentileRankPeer(percentileRank(sorted.get(peerKey), v))
                        .setPeerMedian(rows.get(peerKey).getMedian());
            }
            if (norm != null) {
                b.setMeetsNorm(norm.isMetBy(v));
            }
            positions.put(StoreKeys.member(m), b.build());
        }
        return new Result(positions, rows);
    }

    /** An absolute indicator: no positions and no benchmark rows. */
    private static Result unbenchmarked() {
        return new Result(Map.of(), Map.of());
    }

    /** (below + equal / 2) / n x 100 over an ascending array. */
    public static double percentileRank(double[] ascending, double v) {
        int below = lowerBound(ascending, v);
        int notAbove = upperBound(ascending, v);
        return (below + (notAbove - below) / 2.0) / ascending.length * 100.0;
    }

    static int quartile(BenchmarkRow national, double v) {
        if (v <= national.getP25()) {
            return 1;
        }
        if (v <= national.getMedian()) {
            return 2;
        }
        return v <= national.getP75() ? 3 : 4;
    }

    private static BenchmarkRow row(BenchmarkKey key, List<IndicatorValue> members, double[] values, AreaDirectory directory,
                                    Integer boundaryYear, Norm norm) {
        int n = values.length;
        Integer groupSize = directory.groupSize(key.getGroupType(), key.getGroupValue(), boundaryYear,
                members.stream().map(IndicatorValue::getMunicipalityCode).toList());
        Percentiles p = new Percentiles(values);
        long asOf = members.stream().mapToLong(m -> m.getDataAsOf().toEpochMilli()).max().orElse(0);
        BenchmarkRow.Builder row = BenchmarkRow.newBuilder()
                .setIndicatorId(key.getIndicatorId())
                .setPeriod(key.getPeriod())
                .setGroupType(key.getGroupType())
                .setGroupValue(key.getGroupValue())
                .setUnit(members.get(0).getUnit())
                .setN(n)
                .setGroupSize(groupSize)
                .setCoverage(groupSize == null ? null : (double) n / groupSize)
                .setMean(p.mean()).setMin(p.min()).setP10(p.at(0.10)).setP25(p.at(0.25)).setMedian(p.at(0.50))
                .setP75(p.at(0.75)).setP90(p.at(0.90)).setMax(p.max())
                .setDataAsOf(Instant.ofEpochMilli(asOf));
        if (norm != null) {
            int meeting = (int) Arrays.stream(values).filter(norm::isMetBy).count();
            row.setNormValue(norm.value()).setNormDirection(norm.direction().name()).setNormSource(norm.source())
                    .setMeetingNorm(meeting).setShareMeetingNorm((double) meeting / n);
        }
        return row.build();
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int compareKeys(BenchmarkKey a, BenchmarkKey b) {
        int c = Integer.compare(PeerGroups.TYPES.indexOf(a.getGroupType()), PeerGroups.TYPES.indexOf(b.getGroupType()));
        return c != 0 ? c : a.getGroupValue().compareTo(b.getGroupValue());
    }
}
