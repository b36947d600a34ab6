package nl.sobamo.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * Catalog units with their plausibility rule and how they combine when municipalities merge.
 *
 * <p>{@code additive} units are totals (counts, money, hours, FTE, m²): the value of a merged municipality is the
 * sum of its parts. Rates and scores are not: the merged value is an inhabitant-weighted average of the parts.
 */
public enum Unit {
    COUNT(true, 0.0, null),
    EUR(true, null, null), // Iv3 lasten can be negative (corrections, releases of provisions)
    HOURS(true, 0.0, null),
    FTE(true, 0.0, null),
    M2(true, 0.0, null),
    PERCENT(false, 0.0, 100.0),
    PER_1000(false, 0.0, 1000.0),
    KM(false, 0.0, null),
    SCORE(false, null, null);

    private final boolean additive;
    private final Double min;
    private final Double max;

    Unit(boolean additive, Double min, Double max) {
        this.additive = additive;
        this.min = min;
        this.max = max;
    }

    public boolean additive() {
        return additive;
    }

    /** The unit's own plausibility rule (percent 0–100, counts ≥ 0, ...). */
    public boolean plausible(double value) {
        return (min == null || value >= min) && (max == null || value <= max);
    }

    public String rule() {
        return (min == null ? "(-inf" : "[" + min) + ", " + (max == null ? "+inf)" : max + "]");
    }

    /**
     * Whether values in this unit can be compared between municipalities of different size: every non-additive
     * catalog unit (rates, scores, distances) and every normalised unit ({@link Normalisation#unitOf}); not the
     * additive totals (counts, euros, hours, FTE, m²), which only scale with the municipality.
     */
    public static boolean scaleFree(String unit) {
        return of(unit).map(u -> !u.additive()).orElse(unit != null);
    }

    public static Optional<Unit> of(String name) {
        return Arrays.stream(values()).filter(u -> u.name().equals(name)).findFirst();
    }
}
