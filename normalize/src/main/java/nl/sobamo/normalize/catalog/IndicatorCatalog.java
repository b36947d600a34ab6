package nl.sobamo.normalize.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The declarative indicator catalog: which source fields become which indicator. Loaded and validated at
 * start-up, so a broken catalog stops the app with a message naming the indicator, instead of producing
 * wrong observations.
 */
public record IndicatorCatalog(String version, List<AreaClassification> areaClassifications,
                               List<IndicatorDefinition> indicators) {

    public static final String DEFAULT_RESOURCE = "catalog/indicators.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public IndicatorCatalog {
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        areaClassifications = areaClassifications == null ? List.of() : List.copyOf(areaClassifications);
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

    static IndicatorCatalog parse(InputStream in, String origin) throws IOException {
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
