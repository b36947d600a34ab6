package nl.sobamo.normalize.catalog;

import java.util.List;

/**
 * How one source delivers an indicator. {@code field} names a field exactly; {@code fieldPrefix} matches CBS
 * measure keys by their stable prefix, because CBS renumbers the suffix between table versions
 * ({@code AantalInwoners_5} in one year, {@code AantalInwoners_6} in another).
 *
 * @param aggregate          {@code SUM} adds every field matching the prefix (e.g. total lasten over all taakvelden)
 * @param referenceDate      {@code JANUARY_1} for stock figures counted on 1 January of the period
 * @param scale              multiplier from the source unit to the catalog unit (Iv3 EUR thousand -> EUR: 1000)
 * @param missingWhenAllZero field prefixes; when every such field of a record is zero the source delivered no
 *                           data (Iv3 Vijfheerenlanden 2023) and the value is missing, not zero
 */
public record SourceMapping(
        String source,
        String field,
        String fieldPrefix,
        String aggregate,
        String referenceDate,
        Double scale,
        String sourceUnit,
        List<String> missingWhenAllZero) {

    public SourceMapping {
        scale = scale == null ? 1.0 : scale;
        missingWhenAllZero = missingWhenAllZero == null ? List.of() : List.copyOf(missingWhenAllZero);
    }

    public boolean isSum() {
        return "SUM".equals(aggregate);
    }

    void validate(String where, List<String> errors) {
        if (source == null || source.isBlank()) {
            errors.add(where + ": a source mapping has no source");
        }
        if ((field == null) == (fieldPrefix == null)) {
            errors.add(where + ": source '" + source + "' needs exactly one of field or fieldPrefix");
        }
        if (aggregate != null && !isSum()) {
            errors.add(where + ": source '" + source + "' aggregate must be SUM, was " + aggregate);
        }
        if (isSum() && fieldPrefix == null) {
            errors.add(where + ": source '" + source + "' aggregate SUM needs a fieldPrefix");
        }
        if (referenceDate != null && !referenceDate.equals("JANUARY_1")) {
            errors.add(where + ": source '" + source + "' referenceDate must be JANUARY_1, was " + referenceDate);
        }
        if (scale <= 0 || scale.isNaN() || scale.isInfinite()) {
            errors.add(where + ": source '" + source + "' scale must be positive");
        }
    }
}
