package nl.sobamo.catalog;

import java.util.List;
import java.util.Map;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Sphere;

/**
 * A named spending view that sums several catalog indicators of one municipality and period (catalog
 * {@code spendingGroups}): Wmo, youth care, the narrow sociale basis. The sum is published as an absolute amount
 * (context only) and normalised like any euro indicator.
 *
 * @param parts       the indicators summed (all in EUR)
 * @param requireAll  true: the sum is missing unless every part is present (missing is not zero); false: the sum of
 *                    the parts present (the municipality pushes the categories it funds), at least one
 */
public record SpendingGroup(String id, Map<String, String> name, String definition, Sphere sphere, Ingredient ingredient,
                            List<String> parts, Boolean requireAll, List<String> normalisations) {

    public SpendingGroup {
        name = name == null ? Map.of() : Map.copyOf(name);
        parts = parts == null ? List.of() : List.copyOf(parts);
        normalisations = normalisations == null ? List.of() : List.copyOf(normalisations);
        requireAll = requireAll == null ? Boolean.TRUE : requireAll;
    }

    void validate(List<String> errors, Map<String, IndicatorDefinition> indicators) {
        String where = "spending group '" + id + "'";
        if (id == null || !id.matches("[a-z0-9]+(\\.[a-z0-9_]+)*")) {
            errors.add(where + ": id must be lowercase dotted words");
        }
        if (!name.containsKey("nl") || !name.containsKey("en") || definition == null || definition.isBlank()) {
            errors.add(where + ": needs name nl and en and a definition");
        }
        if (sphere == null || ingredient == null) {
            errors.add(where + ": sphere and ingredient are required");
        }
        if (parts.isEmpty()) {
            errors.add(where + ": sums no parts");
        }
        for (String p : parts) {
            IndicatorDefinition d = indicators.get(p);
            if (d == null) {
                errors.add(where + ": part '" + p + "' is not in the catalog");
            } else if (!Unit.EUR.name().equals(d.unit())) {
                errors.add(where + ": part '" + p + "' is not in EUR");
            }
        }
        if (normalisations.isEmpty()) {
            errors.add(where + ": declares no normalisation (an absolute sum cannot be benchmarked)");
        }
        normalisations.forEach(n -> {
            if (Normalisation.of(n).isEmpty()) {
                errors.add(where + ": normalisation must be one of " + List.of(Normalisation.values()) + ", was " + n);
            }
        });
    }
}
