package nl.sobamo.catalog;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * How an absolute (additive) indicator is made comparable between municipalities of different size: divided by a
 * denominator indicator of the same municipality and the same period (inhabitants on 1 January of that year), times
 * a factor. The derived indicator's id is the numerator's id plus a suffix ({@link #derivedId}).
 */
public enum Normalisation {
    PER_INHABITANT("population.inhabitants", 1.0, "per_inhabitant", "per inwoner", "per inhabitant"),
    PER_1000_INHABITANTS("population.inhabitants", 1000.0, "per_1000_inhabitants", "per 1.000 inwoners",
            "per 1,000 inhabitants"),
    PER_1000_AGED_65_PLUS("population.aged_65_plus", 1000.0, "per_1000_aged_65_plus", "per 1.000 inwoners van 65+",
            "per 1,000 inhabitants aged 65+"),
    PER_1000_AGED_0_17("population.aged_0_17", 1000.0, "per_1000_aged_0_17", "per 1.000 inwoners van 0-17 jaar",
            "per 1,000 inhabitants aged 0-17"),
    PER_1000_HOUSEHOLDS("population.households", 1000.0, "per_1000_households", "per 1.000 huishoudens",
            "per 1,000 households"),
    SHARE_OF_INHABITANTS("population.inhabitants", 100.0, "share_of_inhabitants", "als % van de inwoners",
            "as % of inhabitants"),
    SHARE_OF_HOUSEHOLDS("population.households", 100.0, "share_of_households", "als % van de huishoudens",
            "as % of households"),
    SHARE_OF_TOTAL_LASTEN("iv3.lasten.total", 100.0, "share_of_total", "als % van de totale lasten",
            "as % of total expenses");

    private final String denominatorId;
    private final double factor;
    private final String suffix;
    /** {@code PER_1000_INHABITANTS}, {@code PERCENT_OF_INHABITANTS}: the constant's name, shares as percentages. */
    private final String unitSuffix;
    /** By language ({@code nl}, {@code en}), as the catalog's indicator names are. */
    private final Map<String, String> label;

    Normalisation(String denominatorId, double factor, String suffix, String labelNl, String labelEn) {
        this.denominatorId = denominatorId;
        this.factor = factor;
        this.suffix = suffix;
        this.unitSuffix = name().replaceFirst("^SHARE_OF_", "PERCENT_OF_");
        this.label = Map.of("nl", labelNl, "en", labelEn);
    }

    /** The catalog indicator divided by (same municipality, same period). */
    public String denominatorId() {
        return denominatorId;
    }

    public double factor() {
        return factor;
    }

    /** The id of the indicator derived from {@code numeratorId}: {@code <numeratorId>.<suffix>}. */
    public String derivedId(String numeratorId) {
        return numeratorId + "." + suffix;
    }

    /** The derived indicator's name per language: the numerator's name followed by this normalisation's label. */
    public Map<String, String> derivedName(Map<String, String> numeratorName) {
        return Map.of("nl", numeratorName.getOrDefault("nl", "") + " " + label.get("nl"),
                "en", numeratorName.getOrDefault("en", "") + " " + label.get("en"));
    }

    /** Whether the result is a percentage of its denominator (the numerator is part of it). */
    public boolean isShare() {
        return name().startsWith("SHARE_OF_");
    }

    /**
     * The derived unit: {@code EUR_PER_INHABITANT}, {@code PER_1000_INHABITANTS} (counts),
     * {@code HOURS_PER_1000_INHABITANTS}, {@code PERCENT_OF_TOTAL_LASTEN}. Never one of the additive {@link Unit}s, so
     * {@link Unit#scaleFree(String)} holds for every normalised row.
     */
    public String unitOf(Unit numeratorUnit) {
        if (isShare() || numeratorUnit == Unit.COUNT) {
            return unitSuffix;
        }
        return numeratorUnit.name() + "_" + unitSuffix;
    }

    public static Optional<Normalisation> of(String name) {
        return Arrays.stream(values()).filter(n -> n.name().equals(name)).findFirst();
    }
}
