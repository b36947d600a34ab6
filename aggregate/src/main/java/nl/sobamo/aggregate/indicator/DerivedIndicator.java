package nl.sobamo.aggregate.indicator;

import java.util.List;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Sphere;

/**
 * An indicator computed from two observed ones of the same municipality and period: numerator / denominator
 * x factor. The denominator is taken from the same period, so amounts of 2023 divide by inhabitants on
 * 1 January 2023.
 */
public record DerivedIndicator(String id, String numeratorId, String denominatorId, double factor, String unit,
                               Sphere sphere, Ingredient ingredient) {

    /** Indicators the walking skeleton publishes; the catalog issue moves these into the declarative catalog. */
    public static final List<DerivedIndicator> DEFAULTS = List.of(
            new DerivedIndicator("iv3.lasten.6.1.per_inhabitant", "iv3.lasten.6.1", "population.inhabitants", 1.0,
                    "EUR_PER_INHABITANT", Sphere.INSTITUTIONAL, Ingredient.INPUT),
            new DerivedIndicator("iv3.lasten.6.1.share_of_total", "iv3.lasten.6.1", "iv3.lasten.total", 100.0,
                    "PERCENT_OF_TOTAL_LASTEN", Sphere.INSTITUTIONAL, Ingredient.INPUT));
}
