package nl.sobamo.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.sobamo.schemas.IndicatorReference;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Sphere;

/**
 * The catalog as published on {@code sobamo.reference.indicators.v1}: one {@link IndicatorReference} per observed
 * indicator and per indicator the aggregate stage derives, so consumers (profile page, CSV exports) take names,
 * definitions, units and normalisation from one place.
 */
public final class IndicatorReferences {

    private IndicatorReferences() {
    }

    public static List<IndicatorReference> of(IndicatorCatalog catalog) {
        Map<String, IndicatorDefinition> byId = new java.util.HashMap<>();
        catalog.indicators().forEach(i -> byId.put(i.id(), i));
        List<IndicatorReference> result = new ArrayList<>();
        for (IndicatorDefinition i : catalog.indicators()) {
            result.add(reference(catalog, i.id(), i.name(), i.definition(), i.unit(), i.sphere(), i.ingredient())
                    .setKind(i.kind())
                    .setDirection(i.direction())
                    .setDenominator(i.denominator())
                    .setAreaLevels(i.areaLevels())
                    .setSources(i.sources().stream().map(SourceMapping::source).distinct().toList())
                    .build());
        }
        for (DerivedDefinition d : catalog.derived()) {
            IndicatorDefinition first = byId.get(d.numeratorIds().get(0));
            Set<String> sources = new LinkedHashSet<>();
            d.numeratorIds().forEach(n -> byId.get(n).sources().forEach(s -> sources.add(s.source())));
            if (d.denominatorId() != null) {
                byId.get(d.denominatorId()).sources().forEach(s -> sources.add(s.source()));
            }
            result.add(reference(catalog, d.id(), d.name(), d.definition(), d.unit(), d.sphere(), d.ingredient())
                    .setKind(first.kind())
                    .setDirection(first.direction())
                    .setDenominator(null)
                    .setNormalisation(d.normalisation() == null ? null : d.normalisation().name())
                    .setNumeratorIds(d.numeratorIds())
                    .setDenominatorIndicatorId(d.denominatorId())
                    .setAreaLevels(List.of("GM"))
                    .setSources(List.copyOf(sources))
                    .build());
        }
        return result;
    }

    /**
     * What every reference states the same way, observed or derived: id, names, definition, unit and its catalog
     * version, and benchmarked exactly when the unit is scale-free.
     */
    private static IndicatorReference.Builder reference(IndicatorCatalog catalog, String id, Map<String, String> name,
                                                        String definition, String unit, Sphere sphere,
                                                        Ingredient ingredient) {
        return IndicatorReference.newBuilder()
                .setIndicatorId(id)
                .setNameNl(name.get("nl"))
                .setNameEn(name.get("en"))
                .setDefinition(definition)
                .setUnit(unit)
                .setSphere(sphere)
                .setIngredient(ingredient)
                .setBenchmarked(Unit.scaleFree(unit))
                .setCatalogVersion(catalog.version());
    }
}
