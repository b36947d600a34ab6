package nl.sobamo.normalize.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.sobamo.schemas.IndicatorKind;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Sphere;

/** One catalog entry: what an indicator means and where its values come from. */
public record IndicatorDefinition(
        String id,
        Map<String, String> name,
        Sphere sphere,
        Ingredient ingredient,
        IndicatorKind kind,
        String unit,
        String direction,
        List<String> areaLevels,
        List<SourceMapping> sources) {

    private static final Set<String> UNITS = Set.of("COUNT", "EUR", "PERCENT", "KM", "SCORE", "HOURS", "FTE", "M2");
    private static final Set<String> DIRECTIONS = Set.of("HIGHER_IS_BETTER", "LOWER_IS_BETTER", "NEUTRAL");
    private static final Set<String> LEVELS = Set.of("GM", "WK", "BU");

    public IndicatorDefinition {
        areaLevels = areaLevels == null ? List.of("GM") : List.copyOf(areaLevels);
        sources = sources == null ? List.of() : List.copyOf(sources);
        name = name == null ? Map.of() : Map.copyOf(name);
    }

    public boolean appliesToLevel(String level) {
        return areaLevels.contains(level);
    }

    void validate(List<String> errors) {
        String where = "indicator '" + id + "'";
        if (id == null || !id.matches("[a-z0-9]+(\\.[a-z0-9_]+)*")) {
            errors.add(where + ": id must be lowercase dotted words");
        }
        if (!name.containsKey("nl") || !name.containsKey("en")) {
            errors.add(where + ": name needs both nl and en");
        }
        if (sphere == null || ingredient == null || kind == null) {
            errors.add(where + ": sphere, ingredient and kind are required");
        }
        if (unit == null || !UNITS.contains(unit)) {
            errors.add(where + ": unit must be one of " + UNITS + ", was " + unit);
        }
        if (direction == null || !DIRECTIONS.contains(direction)) {
            errors.add(where + ": direction must be one of " + DIRECTIONS + ", was " + direction);
        }
        if (!LEVELS.containsAll(areaLevels)) {
            errors.add(where + ": areaLevels must be within " + LEVELS + ", was " + areaLevels);
        }
        if (sources.isEmpty()) {
            errors.add(where + ": declares no source mapping");
        }
        sources.forEach(s -> s.validate(where, errors));
    }
}
