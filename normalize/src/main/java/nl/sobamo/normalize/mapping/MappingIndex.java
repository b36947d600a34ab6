package nl.sobamo.normalize.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.catalog.IndicatorCatalog.AreaClassification;
import nl.sobamo.catalog.IndicatorCatalog.BoundMapping;
import nl.sobamo.catalog.SourceMapping;
import nl.sobamo.schemas.RawRecord;

/**
 * The catalog's mappings indexed for the per-record path. {@link IndicatorCatalog#mappingsFor(RawRecord)} walks
 * every indicator and compiles the dataset regular expressions for every record; the answer only depends on the
 * record's source and dataset (plus the dimension filters, which stay per record), so it is resolved once per
 * source + dataset and reused. Same mappings in the same (catalog) order, same classification year.
 */
final class MappingIndex {

    /**
     * Source + dataset pairs remembered; datasets come from the records, so the cache is bounded in case a source
     * invents a new one per record. Past the bound every lookup is resolved again (correct, only slower).
     */
    static final int MAX_CACHED_DATASETS = 10_000;

    private record SourceDataset(String source, String dataset) {
    }

    /**
     * What a source + dataset resolves to: the mappings whose source and dataset pattern match, in catalog order (their
     * dimension filters are still checked per record), and the boundary year, if fixed.
     */
    private record Resolved(List<BoundMapping> candidates, List<BoundMapping> unfiltered, Integer classificationYear,
                            AtomicReference<KeyLayout> layout) {
    }

    private final IndicatorCatalog catalog;
    private final Map<String, List<BoundMapping>> bySource;
    private final Map<String, Pattern> datasetPatterns = new ConcurrentHashMap<>();
    private final Map<SourceDataset, Resolved> resolved = new ConcurrentHashMap<>();

    MappingIndex(IndicatorCatalog catalog) {
        this.catalog = catalog;
        Map<String, List<BoundMapping>> index = new LinkedHashMap<>();
        catalog.indicators().forEach(indicator -> indicator.sources().forEach(mapping ->
                index.computeIfAbsent(mapping.source(), s -> new ArrayList<>()).add(new BoundMapping(indicator, mapping))));
        index.replaceAll((source, mappings) -> List.copyOf(mappings));
        this.bySource = Map.copyOf(index);
    }

    /** Whether the catalog maps any indicator from {@code source}. */
    boolean mapsSource(String source) {
        return source != null && bySource.containsKey(source);
    }

    /** The mappings that read this record, as {@link IndicatorCatalog#mappingsFor(RawRecord)} gives them. */
    List<BoundMapping> mappingsFor(RawRecord raw) {
        Resolved r = resolve(raw.getSource(), raw.getDataset());
        if (r.unfiltered() != null) {
            return r.unfiltered(); // no dimension filters: the same list for every record of this dataset
        }
        List<BoundMapping> result = new ArrayList<>(r.candidates().size());
        Map<String, String> fields = raw.getFields();
        for (BoundMapping b : r.candidates()) {
            if (b.mapping().matchesFilter(fields)) {
                result.add(b);
            }
        }
        return result;
    }

    /**
     * The record's field keys: the last layout seen for its source + dataset when the record has exactly those
     * keys (records of one dataset normally do), else a new one, which then replaces it.
     */
    KeyLayout layout(RawRecord raw) {
        AtomicReference<KeyLayout> last = resolve(raw.getSource(), raw.getDataset()).layout();
        KeyLayout layout = last.get();
        Map<String, String> fields = raw.getFields();
        if (layout != null && layout.fits(fields)) {
            return layout;
        }
        layout = new KeyLayout(fields.keySet());
        last.set(layout);
        return layout;
    }

    /** As {@link IndicatorCatalog#classificationYear}: the dataset's declared boundary year, else the period's year. */
    int classificationYear(String source, String dataset, int periodYear) {
        Integer fixed = resolve(source, dataset).classificationYear();
        return fixed == null ? periodYear : fixed;
    }

    private Resolved resolve(String source, String dataset) {
        SourceDataset key = new SourceDataset(source, dataset);
        Resolved r = resolved.get(key);
        if (r == null) {
            r = compute(source, dataset);
            if (resolved.size() < MAX_CACHED_DATASETS) {
                resolved.putIfAbsent(key, r);
            }
        }
        return r;
    }

    private Resolved compute(String source, String dataset) {
        List<BoundMapping> candidates = new ArrayList<>();
        boolean unfiltered = true;
        for (BoundMapping b : bySource.getOrDefault(source, List.of())) {
            SourceMapping m = b.mapping();
            if (m.dataset() != null && (dataset == null || !pattern(m.dataset()).matcher(dataset).matches())) {
                continue;
            }
            candidates.add(b);
            unfiltered &= m.filter().isEmpty();
        }
        Integer year = null;
        for (AreaClassification c : catalog.areaClassifications()) {
            if (c.source().equals(source) && dataset != null && pattern(c.dataset()).matcher(dataset).matches()) {
                year = c.year();
                break;
            }
        }
        return new Resolved(List.copyOf(candidates), unfiltered ? List.copyOf(candidates) : null, year,
                new AtomicReference<>());
    }

    private Pattern pattern(String regex) {
        return datasetPatterns.computeIfAbsent(regex, Pattern::compile);
    }


    /**
     * A set of field keys with its measure keys sorted (margin fields {@code x@lower} are not measures) and, per
     * prefix (list), the measure keys it matches, sorted. The matches depend on the keys alone, so records with the
     * same keys share them instead of streaming and sorting ~100 KWB fields for each of the record's mappings.
     * Immutable apart from the thread-safe match cache.
     */
    static final class KeyLayout {

        private final String[] keys;
        private final String[] sortedMeasures;
        private final Map<Object, List<String>> matches = new ConcurrentHashMap<>();

        KeyLayout(java.util.Collection<String> keys) {
            this.keys = keys.toArray(String[]::new);
            this.sortedMeasures = keys.stream().filter(k -> k.indexOf('@') < 0).sorted().toArray(String[]::new);
        }

        /** Whether {@code fields} has exactly this layout's keys. */
        boolean fits(Map<String, String> fields) {
            if (fields.size() != keys.length) {
                return false;
            }
            for (String key : keys) {
                if (!fields.containsKey(key)) {
                    return false;
                }
            }
            return true;
        }

        /** Measure keys starting with one of the mapping's prefixes, sorted. */
        List<String> matching(SourceMapping mapping) {
            Object key = mapping.fieldPrefix() != null ? mapping.fieldPrefix() : mapping.fieldPrefixes();
            List<String> found = matches.get(key);
            return found != null ? found : matches.computeIfAbsent(key, k -> scan(mapping.prefixes()));
        }

        private List<String> scan(List<String> prefixes) {
            List<String> result = new ArrayList<>(2);
            for (String k : sortedMeasures) {
                for (String prefix : prefixes) {
                    if (k.startsWith(prefix)) {
                        result.add(k);
                        break;
                    }
                }
            }
            return List.copyOf(result);
        }
    }
}
