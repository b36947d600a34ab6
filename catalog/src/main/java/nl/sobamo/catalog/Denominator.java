package nl.sobamo.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an indicator is normalised by. For absolute units the consumer divides the value by the denominator's
 * indicator of the same municipality and year; for rates it names the population the rate already refers to.
 */
public enum Denominator {
    INHABITANTS("population.inhabitants"),
    HOUSEHOLDS("population.households"),
    ADULTS_18_PLUS(null), // RIVM shares are percentages of the adult population; no count is published with them
    TOTAL_LASTEN("iv3.lasten.total"),
    NONE(null);

    private final String indicatorId;

    Denominator(String indicatorId) {
        this.indicatorId = indicatorId;
    }

    /** The catalog indicator holding the denominator's values, empty when there is none to divide by. */
    public Optional<String> indicatorId() {
        return Optional.ofNullable(indicatorId);
    }

    public static Optional<Denominator> of(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }
}
