package nl.sobamo.aggregate.benchmark;

import java.time.Instant;
import java.util.HashMap;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.state.BenchmarkState;

/** Keeps the per-municipality values of a benchmark group and turns them into a distribution row. */
public final class BenchmarkCalculator {

    private final BenchmarkGroups groups;

    public BenchmarkCalculator(BenchmarkGroups groups) {
        this.groups = groups;
    }

    public static BenchmarkState empty() {
        return new BenchmarkState(null, new HashMap<>(), new HashMap<>());
    }

    /** A municipality's current value enters the group, replacing any earlier value of it. */
    public static BenchmarkState add(IndicatorValue value, BenchmarkState state) {
        BenchmarkState next = copy(state);
        next.getValues().put(value.getMunicipalityCode(), value.getValue());
        next.getDataAsOf().put(value.getMunicipalityCode(), value.getDataAsOf().toEpochMilli());
        next.setUnit(value.getUnit());
        return next;
    }

    /** A municipality's old value leaves the group (its correction arrives through {@link #add}). */
    public static BenchmarkState remove(IndicatorValue value, BenchmarkState state) {
        BenchmarkState next = copy(state);
        next.getValues().remove(value.getMunicipalityCode());
        next.getDataAsOf().remove(value.getMunicipalityCode());
        return next;
    }

    public BenchmarkRow row(BenchmarkKey key, BenchmarkState state) {
        int n = state.getValues().size();
        Integer groupSize = groups.groupSize(key);
        BenchmarkRow.Builder row = BenchmarkRow.newBuilder()
                .setIndicatorId(key.getIndicatorId())
                .setPeriod(key.getPeriod())
                .setGroupType(key.getGroupType())
                .setGroupValue(key.getGroupValue())
                .setUnit(state.getUnit() == null ? "" : state.getUnit())
                .setN(n)
                .setGroupSize(groupSize)
                .setCoverage(groupSize == null || groupSize == 0 ? null : (double) n / groupSize);
        if (n > 0) {
            Percentiles p = new Percentiles(state.getValues().values().stream().mapToDouble(Double::doubleValue).toArray());
            row.setMean(p.mean()).setMin(p.min()).setP10(p.at(0.10)).setP25(p.at(0.25)).setMedian(p.at(0.50))
                    .setP75(p.at(0.75)).setP90(p.at(0.90)).setMax(p.max())
                    .setDataAsOf(Instant.ofEpochMilli(state.getDataAsOf().values().stream().mapToLong(Long::longValue).max().orElse(0)));
        }
        return row.build();
    }

    private static BenchmarkState copy(BenchmarkState state) {
        return new BenchmarkState(state.getUnit(), new HashMap<>(state.getValues()), new HashMap<>(state.getDataAsOf()));
    }
}
