package nl.sobamo.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.sobamo.schemas.IndicatorKind;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Sphere;

/**
 * One catalog entry: what an indicator means and where its values come from.
 *
 * @param denominator what the value is normalised by (see {@link Denominator})
 * @param direction   {@code HIGHER_IS_BETTER}, {@code LOWER_IS_BETTER} or {@code NEUTRAL}
 * @param plausible   optional tighter range than the unit's own rule (e.g. opening hours per week at most 168)
 * @param definition  optional one-line definition in English, shown in docs/catalog.md
 * @param normalisations how an absolute (additive) indicator is made comparable ({@link Normalisation} names); the
 *                    aggregate stage derives one indicator per entry and benchmarks only those
 * @param fromDistricts {@code POPULATION_WEIGHTED_MEAN}: the source delivers districts only (Leefbaarometer), the
 *                    municipality value is the inhabitant-weighted mean of its districts (aggregate stage)
 */
public record IndicatorDefinition(
        String id,
        Map<String, String> name,
        Sphere sphere,
        Ingredient ingredient,
        IndicatorKind kind,
        String unit,
        String denominator,
        String direction,
        List<String> areaLevels,
        Range plausible,
        String definition,
        List<SourceMapping> sources,
        List<String> normalisations,
        String fromDistricts) {

    public static final String POPULATION_WEIGHTED_MEAN = "POPULATION_WEIGHTED_MEAN";

    private static final Set<String> DIRECTIONS = Set.of("HIGHER_IS_BETTER", "LOWER_IS_BETTER", "NEUTRAL");
    private static final Set<String> LEVELS = Set.of("GM", "WK", "BU");

    public IndicatorDefinition {
        areaLevels = areaLevels == null ? List.of("GM") : List.copyOf(areaLevels);
        sources = sources == null ? List.of() : List.copyOf(sources);
        name = name == null ? Map.of() : Map.copyOf(name);
        normalisations = normalisations == null ? List.of() : List.copyOf(normalisations);
    }

    /** The declared normalisations; only valid on a validated catalog. */
    public List<Normalisation> normalisationValues() {
        return normalisations.stream().map(Normalisation::valueOf).toList();
    }

    /** An inclusive plausibility range; either end may be open (null). */
    public record Range(Double min, Double max) {
        public boolean contains(double v) {
            return (min == null || v >= min) && (max == null || v <= max);
        }

        @Override
        public String toString() {
            return "[" + (min == null ? "-inf" : min) + ", " + (max == null ? "+inf" : max) + "]";
        }
    }

    public boolean appliesToLevel(String level) {
        return areaLevels.contains(level);
    }

    /** The unit; only valid on a validated catalog. */
    public Unit unitValue() {
        return Unit.valueOf(unit);
    }

    public Denominator denominatorValue() {
        return Denominator.valueOf(denominator);
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
        } else if ((sphere == Sphere.CONTEXT) != (ingredient == Ingredient.CONTEXT)) {
            errors.add(where + ": sphere CONTEXT goes with ingredient CONTEXT and only with it (decision 0002), was "
                    + sphere + "/" + ingredient);
        }
        Unit u = Unit.of(unit).orElse(null);
        if (u == null) {
            errors.add(where + ": unit must be one of " + List.of(Unit.values()) + ", was " + unit);
        }
        Denominator d = Denominator.of(denominator).orElse(null);
        if (d == null) {
            errors.add(where + ": denominator must be one of " + List.of(Denominator.values()) + ", was " + denominator);
        }
        if (u != null && d != null) {
            if (d == Denominator.TOTAL_LASTEN && u != Unit.EUR) {
                errors.add(where + ": denominator TOTAL_LASTEN needs unit EUR, was " + u);
            }
            if (d == Denominator.ADULTS_18_PLUS && u != Unit.PERCENT) {
                errors.add(where + ": denominator ADULTS_18_PLUS is for survey percentages (unit PERCENT), was " + u);
            }
            if ((u == Unit.SCORE || u == Unit.KM) && d != Denominator.NONE) {
                errors.add(where + ": unit " + u + " cannot be normalised, denominator must be NONE, was " + d);
            }
        }
        for (String n : normalisations) {
            Normalisation norm = Normalisation.of(n).orElse(null);
            if (norm == null) {
                errors.add(where + ": normalisation must be one of " + List.of(Normalisation.values()) + ", was " + n);
            } else if (u != null && !u.additive()) {
                errors.add(where + ": unit " + u + " is already comparable, it takes no normalisation (" + n + ")");
            } else if (norm == Normalisation.SHARE_OF_TOTAL_LASTEN && u != Unit.EUR) {
                errors.add(where + ": SHARE_OF_TOTAL_LASTEN needs unit EUR, was " + u);
            }
        }
        if (u != null && d != null && u.additive() && d.indicatorId().isPresent()
                && normalisations.stream().map(Normalisation::of).flatMap(java.util.Optional::stream)
                .noneMatch(n -> n.denominatorId().equals(d.indicatorId().get()))) {
            errors.add(where + ": denominator " + d + " is declared, but no normalisation divides by "
                    + d.indicatorId().get() + " (declare e.g. PER_INHABITANT or PER_1000_INHABITANTS)");
        }
        if (fromDistricts != null && (!POPULATION_WEIGHTED_MEAN.equals(fromDistricts) || (u != null && u.additive())
                || !(areaLevels.contains("WK") || areaLevels.contains("BU")))) {
            errors.add(where + ": fromDistricts must be " + POPULATION_WEIGHTED_MEAN + ", for a rate or score delivered at "
                    + "WK or BU level, was " + fromDistricts);
        }
        if (direction == null || !DIRECTIONS.contains(direction)) {
            errors.add(where + ": direction must be one of " + DIRECTIONS + ", was " + direction);
        }
        if (areaLevels.isEmpty() || !LEVELS.containsAll(areaLevels)) {
            errors.add(where + ": areaLevels must be a non-empty subset of " + LEVELS + ", was " + areaLevels);
        }
        if (plausible != null && plausible.min() != null && plausible.max() != null && plausible.min() > plausible.max()) {
            errors.add(where + ": plausible range " + plausible + " is empty");
        }
        if (sources.isEmpty()) {
            errors.add(where + ": declares no source mapping");
        }
        sources.forEach(s -> s.validate(where, errors));
    }
}
