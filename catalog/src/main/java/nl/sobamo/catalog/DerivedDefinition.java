package nl.sobamo.catalog;

import java.util.List;
import java.util.Map;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Sphere;

/**
 * An indicator the aggregate stage computes from observed ones of the same municipality and period, as the catalog
 * declares it: sum(numerators) / denominator x factor, or the plain sum when there is no denominator (a spending
 * group's absolute amount). Produced by {@link IndicatorCatalog#derived()}, never written by hand.
 *
 * @param denominatorId null for an absolute sum
 * @param requireAll    whether every numerator must be present (otherwise at least one)
 * @param normalisation the normalisation applied, null for an absolute sum
 */
public record DerivedDefinition(String id, List<String> numeratorIds, String denominatorId, double factor, String unit,
                                Sphere sphere, Ingredient ingredient, boolean requireAll, Map<String, String> name,
                                String definition, Normalisation normalisation) {

    public DerivedDefinition {
        numeratorIds = List.copyOf(numeratorIds);
        name = name == null ? Map.of() : Map.copyOf(name);
    }
}
