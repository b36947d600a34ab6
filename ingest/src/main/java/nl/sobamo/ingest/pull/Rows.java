package nl.sobamo.ingest.pull;

import java.math.BigDecimal;
import java.util.Set;

/** Value checks shared by the mappers. */
public final class Rows {

    /** How CBS and others mark a missing value; normalize reads them as missing. */
    public static final Set<String> MISSING_MARKERS = Set.of(".", "x", "-", "?", "");

    private Rows() {
    }

    /** Whether {@code value} is a number, null, or a missing marker (not, e.g., {@code "12,5"} or {@code "abc"}). */
    public static boolean numericOrMissing(String value) {
        if (value == null || MISSING_MARKERS.contains(value)) {
            return true;
        }
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
