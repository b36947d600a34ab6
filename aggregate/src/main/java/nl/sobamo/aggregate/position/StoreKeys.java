package nl.sobamo.aggregate.position;

import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.IndicatorValue;

/**
 * String keys of the queryable stores. '|' separates the parts so a prefix scan over
 * {@code indicator|period|} finds exactly one indicator-period (indicator ids contain dots, never '|').
 */
public final class StoreKeys {

    public static final String SEPARATOR = "|";

    private StoreKeys() {
    }

    /** Partition key of the positions step: every row of one indicator and period lands in one task. */
    public static String indicatorPeriod(String indicatorId, String period) {
        return indicatorId + SEPARATOR + period;
    }

    public static String prefix(String indicatorPeriod) {
        return indicatorPeriod + SEPARATOR;
    }

    /** indicator|period|municipality|sphere */
    public static String member(IndicatorValue v) {
        return indicatorPeriod(v.getIndicatorId(), v.getPeriod()) + SEPARATOR + v.getMunicipalityCode() + SEPARATOR + v.getSphere();
    }

    /** indicator|period|groupType|groupValue */
    public static String benchmark(BenchmarkKey k) {
        return indicatorPeriod(k.getIndicatorId(), k.getPeriod()) + SEPARATOR + k.getGroupType() + SEPARATOR + k.getGroupValue();
    }

    /** municipality|indicator|sphere|period: the profile and change stores, partitioned by municipality. */
    public static String profile(String municipality, String indicatorId, String sphere, String period) {
        return municipality + SEPARATOR + indicatorId + SEPARATOR + sphere + SEPARATOR + period;
    }

    public static String profile(IndicatorValue v) {
        return profile(v.getMunicipalityCode(), v.getIndicatorId(), v.getSphere().name(), v.getPeriod());
    }
}
