package nl.sobamo.aggregate.benchmark;

import java.util.Map;
import nl.sobamo.schemas.BenchmarkKey;

/**
 * Comparison groups and how many municipalities each has, so benchmark rows report coverage (n of group
 * size). The walking skeleton knows the national group only; peer groups come from the area reference.
 */
public record BenchmarkGroups(Map<String, Integer> nationalSizeByPeriod, int defaultNationalSize) {

    public static final String NATIONAL = "national";
    public static final String NATIONAL_VALUE = "NL";

    /** 342 municipalities on 1 January 2023 and 2024 (CBS Gebieden in Nederland, herindelingen applied). */
    public static BenchmarkGroups defaults() {
        return new BenchmarkGroups(Map.of(), 342);
    }

    public BenchmarkKey nationalKey(String indicatorId, String period) {
        return new BenchmarkKey(indicatorId, period, NATIONAL, NATIONAL_VALUE);
    }

    public Integer groupSize(BenchmarkKey key) {
        if (!NATIONAL.equals(key.getGroupType())) {
            return null;
        }
        return nationalSizeByPeriod.getOrDefault(key.getPeriod(), defaultNationalSize);
    }
}
