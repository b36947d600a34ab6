package nl.sobamo.normalize.area;

import java.util.Optional;

/**
 * A CBS area code: GM#### municipality, WK district (GM digits + 2 characters), BU neighbourhood (GM digits + 4).
 * District and neighbourhood suffixes may hold letters (Amsterdam's WK0363AA), so only the municipality part is numeric.
 */
public record AreaCode(String code, String level, String municipalityCode) {

    /** Parses a (possibly space-padded, as CBS writes them) code; empty when it is no GM/WK/BU code. */
    public static Optional<AreaCode> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String code = raw.trim();
        if (is(code, "GM", 0)) {
            return Optional.of(new AreaCode(code, "GM", code));
        }
        if (is(code, "WK", 2) || is(code, "BU", 4)) {
            // district and neighbourhood codes start with the 4 digits of their municipality
            return Optional.of(new AreaCode(code, code.substring(0, 2), "GM" + code.substring(2, 6)));
        }
        return Optional.empty();
    }

    /**
     * {@code <prefix>\d{4}[0-9A-Z]{suffix}}, checked by hand: every raw record's area code is parsed, and the
     * regular expressions cost a matcher per record.
     */
    private static boolean is(String code, String prefix, int suffix) {
        if (code.length() != 6 + suffix || !code.startsWith(prefix)) {
            return false;
        }
        for (int i = 2; i < 6; i++) {
            if (!digit(code.charAt(i))) {
                return false;
            }
        }
        for (int i = 6; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!digit(c) && (c < 'A' || c > 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    public boolean isMunicipality() {
        return level.equals("GM");
    }
}
