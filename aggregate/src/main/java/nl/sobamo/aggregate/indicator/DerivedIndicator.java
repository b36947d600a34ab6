package nl.sobamo.aggregate.indicator;

import java.util.List;
import nl.sobamo.catalog.DerivedDefinition;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Sphere;

/**
 * An indicator computed from observed ones of the same municipality and period: sum(numerators) / denominator x
 * factor, or the plain sum when there is no denominator (a spending group's absolute amount). The denominator is
 * taken from the same period, so amounts of 2023 divide by inhabitants on 1 January 2023. The list comes from the
 * catalog ({@link #fromCatalog}), never from Java.
 *
 * @param denominatorId null for an absolute sum
 * @param requireAll    every numerator must be present; otherwise the sum of those present (at least one)
 */
public record DerivedIndicator(String id, List<String> numeratorIds, String denominatorId, double factor, String unit,
                               Sphere sphere, Ingredient ingredient, boolean requireAll) {

    public DerivedIndicator {
        numeratorIds = List.copyOf(numeratorIds);
        if (numeratorIds.isEmpty()) {
            throw new IllegalArgumentException("derived indicator " + id + " has no numerator");
        }
    }

    /** numerator / denominator x factor. */
    public DerivedIndicator(String id, String numeratorId, String denominatorId, double factor, String unit, Sphere sphere,
                            Ingredient ingredient) {
        this(id, List.of(numeratorId), denominatorId, factor, unit, sphere, ingredient, true);
    }

    public static DerivedIndicator of(DerivedDefinition d) {
        return new DerivedIndicator(d.id(), d.numeratorIds(), d.denominatorId(), d.factor(), d.unit(), d.sphere(),
                d.ingredient(), d.requireAll());
    }

    /** Every derived indicator the catalog declares (normalisations and spending groups). */
    public static List<DerivedIndicator> fromCatalog(IndicatorCatalog catalog) {
        return catalog.derived().stream().map(DerivedIndicator::of).toList();
    }

    /** Whether the indicator is one of this row's inputs. */
    public boolean uses(String indicatorId) {
        return numeratorIds.contains(indicatorId) || indicatorId.equals(denominatorId);
    }
}
