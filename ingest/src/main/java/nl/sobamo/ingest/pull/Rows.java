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
        if (value == null || MISSING_MARKERS.contains(value) || plainInteger(value)) {
            return true;
        }
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code -?[0-9]+}: the common case, answered without parsing (and allocating) a BigDecimal. */
    static boolean plainInteger(String value) {
        int start = value.startsWith("-") ? 1 : 0;
        if (value.length() == start) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
