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
public record IndicatorCatalog(String version, List<IndicatorDefinition> indicators) {

    public static final String DEFAULT_RESOURCE = "catalog/indicators.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public IndicatorCatalog {
        indicators = List.copyOf(indicators);
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
        if (!errors.isEmpty()) {
            throw new CatalogException("Indicator catalog " + origin + " has " + errors.size() + " error(s):\n - "
                    + String.join("\n - ", errors));
        }
    }

    /** An indicator with one of its source mappings. */
    public record BoundMapping(IndicatorDefinition indicator, SourceMapping mapping) {
    }
}
