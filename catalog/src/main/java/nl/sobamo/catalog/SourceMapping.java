package nl.sobamo.catalog;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import nl.sobamo.schemas.RawRecord;

/**
 * How one source delivers an indicator. Exactly one of {@code field} (a field named exactly),
 * {@code fieldPrefix} (CBS measure keys matched by their stable prefix, because CBS renumbers the suffix between
 * table versions: {@code AantalInwoners_5} in one year, {@code AantalInwoners_6} in another) or
 * {@code fieldPrefixes} (several prefixes, only with {@code aggregate: SUM}) names the value, except for
 * {@code aggregate: RECORD_COUNT}, where every matching record counts as 1 (e.g. one pushed facility).
 *
 * @param dataset            optional regular expression the record's dataset must match (push: {@code visitors})
 * @param filter             dimension filters: field -> required value (RIVM {@code Leeftijd: 20300} = 18+). A record
 *                           whose dimensions differ is simply not this indicator's record (no observation, not missing)
 * @param aggregate          {@code SUM} adds every field matching the prefix(es); {@code RECORD_COUNT} counts records
 * @param denominatorField   makes a ratio: value = field / denominatorField x scale (smiley statements: positive
 *                           answers / respondents x 100). A zero or missing denominator gives a missing value
 * @param referenceDate      {@code JANUARY_1} for stock figures counted on 1 January of the period
 * @param scale              multiplier from the source unit to the catalog unit (Iv3 EUR thousand -> EUR: 1000)
 * @param missingWhenAllZero field prefixes; when every such field of a record is zero the source delivered no
 *                           data (Iv3 Vijfheerenlanden 2023) and the value is missing, not zero
 * @param identity           {@code AREA} (default): one observation per indicator, area, period, source and dataset;
 *                           {@code RECORD}: one per source record (pushed records of several facilities of one area)
 */
public record SourceMapping(
        String source,
        String dataset,
        String field,
        String fieldPrefix,
        List<String> fieldPrefixes,
        Map<String, String> filter,
        String aggregate,
        String denominatorField,
        String referenceDate,
        Double scale,
        String sourceUnit,
        List<String> missingWhenAllZero,
        String identity) {

    /** Suffixes of the margin fields a source may deliver beside a measure (docs/raw-records.md). */
    public static final String LOWER_SUFFIX = "@lower";
    public static final String UPPER_SUFFIX = "@upper";

    public SourceMapping {
        scale = scale == null ? 1.0 : scale;
        missingWhenAllZero = missingWhenAllZero == null ? List.of() : List.copyOf(missingWhenAllZero);
        fieldPrefixes = fieldPrefixes == null ? List.of() : List.copyOf(fieldPrefixes);
        filter = filter == null ? Map.of() : Map.copyOf(filter);
        identity = identity == null ? "AREA" : identity;
    }

    public boolean isSum() {
        return "SUM".equals(aggregate);
    }

    public boolean isRecordCount() {
        return "RECORD_COUNT".equals(aggregate);
    }

    public boolean isRatio() {
        return denominatorField != null;
    }

    public boolean identityPerRecord() {
        return "RECORD".equals(identity);
    }

    /** The prefixes a SUM or prefix mapping matches. */
    public List<String> prefixes() {
        return fieldPrefix != null ? List.of(fieldPrefix) : fieldPrefixes;
    }

    /** Whether this mapping reads {@code raw}: same source, dataset pattern and dimension filters. */
    public boolean appliesTo(RawRecord raw) {
        if (!source.equals(raw.getSource())) {
            return false;
        }
        if (dataset != null && (raw.getDataset() == null || !raw.getDataset().matches(dataset))) {
            return false;
        }
        return matchesFilter(raw.getFields());
    }

    /** The dimension filters: every filter field present in {@code fields} with the value (trimmed). */
    public boolean matchesFilter(Map<String, String> fields) {
        for (Map.Entry<String, String> f : filter.entrySet()) {
            String actual = fields.get(f.getKey());
            if (actual == null || !actual.trim().equals(f.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Name of the field(s) for messages and dead letters. */
    public String describeField() {
        if (field != null) {
            return field;
        }
        if (fieldPrefix != null) {
            return fieldPrefix;
        }
        return fieldPrefixes.isEmpty() ? "(record)" : String.join(",", fieldPrefixes);
    }

    void validate(String where, List<String> errors) {
        String what = where + ": source '" + source + "'";
        if (source == null || source.isBlank()) {
            errors.add(where + ": a source mapping has no source");
        }
        int named = (field == null ? 0 : 1) + (fieldPrefix == null ? 0 : 1) + (fieldPrefixes.isEmpty() ? 0 : 1);
        if (isRecordCount()) {
            if (named != 0 || isRatio()) {
                errors.add(what + " aggregate RECORD_COUNT takes no field, fieldPrefix(es) or denominatorField");
            }
        } else if (named != 1) {
            errors.add(what + " needs exactly one of field, fieldPrefix or fieldPrefixes");
        }
        if (aggregate != null && !isSum() && !isRecordCount()) {
            errors.add(what + " aggregate must be SUM or RECORD_COUNT, was " + aggregate);
        }
        if (isSum() && field != null) {
            errors.add(what + " aggregate SUM needs fieldPrefix or fieldPrefixes");
        }
        if (!fieldPrefixes.isEmpty() && !isSum()) {
            errors.add(what + " fieldPrefixes only go with aggregate SUM");
        }
        if (isRatio() && (isSum() || denominatorField.isBlank())) {
            errors.add(what + " a ratio (denominatorField) needs a single field or fieldPrefix and no aggregate");
        }
        if (dataset != null) {
            try {
                Pattern.compile(dataset);
            } catch (PatternSyntaxException e) {
                errors.add(what + " dataset is no valid regular expression: " + e.getDescription());
            }
        }
        if (filter.values().stream().anyMatch(v -> v == null || v.isBlank())) {
            errors.add(what + " filter values must not be blank");
        }
        if (referenceDate != null && !referenceDate.equals("JANUARY_1")) {
            errors.add(what + " referenceDate must be JANUARY_1, was " + referenceDate);
        }
        if (scale <= 0 || scale.isNaN() || scale.isInfinite()) {
            errors.add(what + " scale must be positive");
        }
        if (!identity.equals("AREA") && !identity.equals("RECORD")) {
            errors.add(what + " identity must be AREA or RECORD, was " + identity);
        }
    }
}
