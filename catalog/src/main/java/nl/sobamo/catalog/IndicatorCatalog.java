package nl.sobamo.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.sobamo.topics.Source;

/**
 * The declarative indicator catalog: which source fields become which indicator. Loaded and validated at
 * start-up, so a broken catalog stops the app with a message naming the indicator, instead of producing
 * wrong observations.
 */
public record IndicatorCatalog(String version, List<AreaClassification> areaClassifications,
                               List<IndicatorDefinition> indicators, List<String> sourcePriority,
                               List<DefinitionBreak> definitionBreaks, List<SpendingGroup> spendingGroups) {

    public static final String DEFAULT_RESOURCE = "catalog/indicators.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public IndicatorCatalog {
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        areaClassifications = areaClassifications == null ? List.of() : List.copyOf(areaClassifications);
        sourcePriority = sourcePriority == null ? List.of() : List.copyOf(sourcePriority);
        definitionBreaks = definitionBreaks == null ? List.of() : List.copyOf(definitionBreaks);
        spendingGroups = spendingGroups == null ? List.of() : List.copyOf(spendingGroups);
    }

    /**
     * Every indicator the aggregate stage derives, in catalog order: each declared normalisation of an indicator
     * ({@code <id>.<suffix>}), then each spending group's absolute sum ({@code <group id>}, context only) and its
     * normalisations ({@code <group id>.<suffix>}).
     */
    public List<DerivedDefinition> derived() {
        List<DerivedDefinition> result = new ArrayList<>();
        for (IndicatorDefinition i : indicators) {
            for (Normalisation n : i.normalisationValues()) {
                result.add(new DerivedDefinition(n.derivedId(i.id()), List.of(i.id()), n.denominatorId(), n.factor(),
                        n.unitOf(i.unitValue()), i.sphere(), i.ingredient(), true, n.derivedName(i.name()), i.definition(), n));
            }
        }
        for (SpendingGroup g : spendingGroups) {
            result.add(new DerivedDefinition(g.id(), g.parts(), null, 1.0, Unit.EUR.name(), g.sphere(), g.ingredient(),
                    g.requireAll(), g.name(), g.definition(), null));
            for (String name : g.normalisations()) {
                Normalisation n = Normalisation.valueOf(name);
                result.add(new DerivedDefinition(n.derivedId(g.id()), g.parts(), n.denominatorId(), n.factor(),
                        n.unitOf(Unit.EUR), g.sphere(), g.ingredient(), g.requireAll(), n.derivedName(g.name()), g.definition(), n));
            }
        }
        return result;
    }

    /**
     * Sources that deliver one observation per record (some mapping with identity {@code RECORD}, the municipal
     * push): the municipality's value is the combination of all its records.
     */
    public Set<String> recordSources() {
        Set<String> result = new java.util.TreeSet<>();
        indicators.forEach(i -> i.sources().stream().filter(SourceMapping::identityPerRecord)
                .forEach(m -> result.add(m.source())));
        return result;
    }

    /** Indicators whose municipality value the aggregate stage weights from district values. */
    public Set<String> districtWeighted() {
        Set<String> result = new java.util.TreeSet<>();
        indicators.stream().filter(i -> i.fromDistricts() != null).forEach(i -> result.add(i.id()));
        return result;
    }

    /** The definition breaks, each also covering the spending groups that sum an affected indicator. */
    public List<DefinitionBreak> breaks() {
        List<DefinitionBreak> result = new ArrayList<>();
        for (DefinitionBreak b : definitionBreaks) {
            List<String> groups = spendingGroups.stream().filter(g -> g.parts().stream().anyMatch(b::covers))
                    .map(SpendingGroup::id).toList();
            result.add(b.including(groups));
        }
        return result;
    }

    /**
     * The municipal classification (boundaries of which year) a dataset's area codes follow, when it is not the
     * year of its period: RIVM 50090NED publishes 2012, 2016 and 2020 all on the 2020 boundaries.
     */
    public record AreaClassification(String source, String dataset, Integer year) {
    }

    /** The boundary year of a record: the catalog's declaration for its dataset, else the year of its period. */
    public int classificationYear(String source, String dataset, int periodYear) {
        for (AreaClassification c : areaClassifications) {
            if (c.source().equals(source) && dataset != null && dataset.matches(c.dataset())) {
                return c.year();
            }
        }
        return periodYear;
    }

    /** Mappings that read this record (source, dataset pattern and dimension filters match), in catalog order. */
    public List<BoundMapping> mappingsFor(nl.sobamo.schemas.RawRecord raw) {
        List<BoundMapping> result = new ArrayList<>();
        for (BoundMapping b : mappingsFor(raw.getSource())) {
            if (b.mapping().appliesTo(raw)) {
                result.add(b);
            }
        }
        return result;
    }

    public java.util.Optional<IndicatorDefinition> indicator(String id) {
        return indicators.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public static IndicatorCatalog loadDefault() {
        return loadResource(DEFAULT_RESOURCE);
    }

    public static IndicatorCatalog loadResource(String resource) {
        try (InputStream in = IndicatorCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new CatalogException("Indicator catalog resource not found: " + resource);
            }
            return parse(in, resource);
        } catch (IOException e) {
            throw new CatalogException("Cannot read indicator catalog " + resource + ": " + e.getMessage(), e);
        }
    }

    public static IndicatorCatalog parse(InputStream in, String origin) throws IOException {
        IndicatorCatalog catalog;
        try {
            catalog = JSON.readValue(in, IndicatorCatalog.class);
        } catch (IOException e) {
            throw new CatalogException("Indicator catalog " + origin + " is not valid: " + e.getMessage(), e);
        }
        catalog.validate(origin);
        return catalog;
    }

    /** Source mappings for one source, each paired with its indicator, in catalog order. */
    public List<BoundMapping> mappingsFor(String source) {
        List<BoundMapping> result = new ArrayList<>();
        for (IndicatorDefinition indicator : indicators) {
            for (SourceMapping mapping : indicator.sources()) {
                if (mapping.source().equals(source)) {
                    result.add(new BoundMapping(indicator, mapping));
                }
            }
        }
        return result;
    }

    private void validate(String origin) {
        List<String> errors = new ArrayList<>();
        if (version == null || version.isBlank()) {
            errors.add("catalog version is missing");
        }
        if (indicators == null || indicators.isEmpty()) {
            errors.add("catalog declares no indicators");
        }
        Set<String> ids = new HashSet<>();
        for (IndicatorDefinition indicator : indicators == null ? List.<IndicatorDefinition>of() : indicators) {
            indicator.validate(errors);
            if (indicator.id() != null && !ids.add(indicator.id())) {
                errors.add("indicator id '" + indicator.id() + "' is declared twice");
            }
        }
        for (AreaClassification c : areaClassifications) {
            if (c.source() == null || c.dataset() == null || c.year() == null || c.year() < 1900) {
                errors.add("areaClassifications entry " + c + " needs source, dataset (pattern) and year");
            }
        }
        java.util.Map<String, IndicatorDefinition> byId = new java.util.HashMap<>();
        indicators.forEach(i -> byId.put(i.id(), i));
        Set<String> denominators = new HashSet<>();
        for (Normalisation n : Normalisation.values()) {
            denominators.add(n.denominatorId());
        }
        for (IndicatorDefinition indicator : indicators) {
            Unit unit = Unit.of(indicator.unit()).orElse(null);
            if (unit != null && unit.additive() && indicator.normalisations().isEmpty() && !denominators.contains(indicator.id())) {
                errors.add("indicator '" + indicator.id() + "': unit " + unit + " is absolute; declare normalisations "
                        + "(how it is made comparable, e.g. PER_INHABITANT), unless it is itself a denominator");
            }
            for (String n : indicator.normalisations()) {
                Normalisation.of(n).filter(norm -> !ids.contains(norm.denominatorId())).ifPresent(norm -> errors.add(
                        "indicator '" + indicator.id() + "': normalisation " + norm + " needs indicator '"
                                + norm.denominatorId() + "' in the catalog"));
            }
        }
        for (SpendingGroup g : spendingGroups) {
            g.validate(errors, byId);
            if (g.id() != null && !ids.add(g.id())) {
                errors.add("spending group id '" + g.id() + "' is also an indicator or another group's id");
            }
            for (String n : g.normalisations()) {
                Normalisation.of(n).filter(norm -> !byId.containsKey(norm.denominatorId())).ifPresent(norm -> errors.add(
                        "spending group '" + g.id() + "': normalisation " + norm + " needs indicator '"
                                + norm.denominatorId() + "' in the catalog"));
            }
        }
        definitionBreaks.forEach(b -> b.validate(errors));
        Set<String> mappedSources = new HashSet<>();
        indicators.forEach(i -> i.sources().forEach(m -> mappedSources.add(m.source())));
        Set<String> unknownSources = new java.util.TreeSet<>(mappedSources);
        unknownSources.addAll(sourcePriority);
        unknownSources.removeIf(id -> Source.byId(id).isPresent());
        if (!unknownSources.isEmpty()) {
            errors.add("sources " + unknownSources + " are not in the source registry (nl.sobamo.topics.Source)");
        }
        if (!sourcePriority.isEmpty() && !sourcePriority.containsAll(mappedSources)) {
            Set<String> missing = new java.util.TreeSet<>(mappedSources);
            missing.removeAll(sourcePriority);
            errors.add("sourcePriority must rank every mapped source, misses " + missing);
        }
        for (IndicatorDefinition indicator : indicators) {
            Denominator d = Denominator.of(indicator.denominator()).orElse(null);
            Unit u = Unit.of(indicator.unit()).orElse(null);
            if (d != null && u != null && u.additive() && d.indicatorId().isPresent() && !ids.contains(d.indicatorId().get())) {
                errors.add("indicator '" + indicator.id() + "': denominator " + d + " needs indicator '"
                        + d.indicatorId().get() + "' in the catalog");
            }
        }
        if (!errors.isEmpty()) {
            throw new CatalogException("Indicator catalog " + origin + " has " + errors.size() + " error(s):\n - "
                    + String.join("\n - ", errors));
        }
    }

    /** An indicator with one of its source mappings. */
    public record BoundMapping(IndicatorDefinition indicator, SourceMapping mapping) {
    }
}
