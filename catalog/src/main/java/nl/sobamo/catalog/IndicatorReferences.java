package nl.sobamo.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.sobamo.schemas.IndicatorReference;

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
            result.add(IndicatorReference.newBuilder()
                    .setIndicatorId(i.id())
                    .setNameNl(i.name().get("nl"))
                    .setNameEn(i.name().get("en"))
                    .setDefinition(i.definition())
                    .setUnit(i.unit())
                    .setSphere(i.sphere())
                    .setIngredient(i.ingredient())
                    .setKind(i.kind())
                    .setDirection(i.direction())
                    .setDenominator(i.denominator())
                    .setBenchmarked(Unit.scaleFree(i.unit()))
                    .setAreaLevels(i.areaLevels())
                    .setSources(i.sources().stream().map(SourceMapping::source).distinct().toList())
                    .setCatalogVersion(catalog.version())
                    .build());
        }
        for (DerivedDefinition d : catalog.derived()) {
            IndicatorDefinition first = byId.get(d.numeratorIds().get(0));
            Set<String> sources = new LinkedHashSet<>();
            d.numeratorIds().forEach(n -> byId.get(n).sources().forEach(s -> sources.add(s.source())));
            if (d.denominatorId() != null) {
                byId.get(d.denominatorId()).sources().forEach(s -> sources.add(s.source()));
            }
            result.add(IndicatorReference.newBuilder()
                    .setIndicatorId(d.id())
                    .setNameNl(d.name().get("nl"))
                    .setNameEn(d.name().get("en"))
                    .setDefinition(d.definition())
                    .setUnit(d.unit())
                    .setSphere(d.sphere())
                    .setIngredient(d.ingredient())
                    .setKind(first.kind())
                    .setDirection(first.direction())
                    .setDenominator(null)
                    .setNormalisation(d.normalisation() == null ? null : d.normalisation().name())
                    .setNumeratorIds(d.numeratorIds())
                    .setDenominatorIndicatorId(d.denominatorId())
                    .setBenchmarked(Unit.scaleFree(d.unit()))
                    .setAreaLevels(List.of("GM"))
                    .setSources(List.copyOf(sources))
                    .setCatalogVersion(catalog.version())
                    .build());
        }
        return result;
    }
}
