package nl.sobamo.normalize.mapping;

import java.util.OptionalDouble;
import java.util.Set;

/**
 * Parses source values. CBS marks missing values with {@code .}, {@code x}, {@code -} or {@code ?} (and
 * null or empty); these are missing, never zero. Values may carry CBS's space padding.
 */
public final class ValueParser {

    private static final Set<String> MISSING_MARKERS = Set.of("", ".", "x", "X", "-", "?", "NA");

    private ValueParser() {
    }

    public static OptionalDouble parse(String field, String raw) throws MappingFailure {
        if (raw == null) {
            return OptionalDouble.empty();
        }
        String value = raw.trim();
        if (MISSING_MARKERS.contains(value)) {
            return OptionalDouble.empty();
        }
        try {
            double parsed = Double.parseDouble(value);
            if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                throw new NumberFormatException("not finite");
            }
            return OptionalDouble.of(parsed);
        } catch (NumberFormatException e) {
            throw new MappingFailure(ReasonCode.UNPARSEABLE_VALUE, field,
                    "field '" + field + "' has value '" + raw + "', which is neither a number nor a missing-value marker");
        }
    }
}
