package nl.sobamo.normalize.area;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CBS area code: GM#### municipality, WK district (GM digits + 2 characters), BU neighbourhood (GM digits + 4).
 * District and neighbourhood suffixes may hold letters (Amsterdam's WK0363AA), so only the municipality part is numeric.
 */
public record AreaCode(String code, String level, String municipalityCode) {

    private static final Pattern GM = Pattern.compile("GM\\d{4}");
    private static final Pattern WK = Pattern.compile("WK\\d{4}[0-9A-Z]{2}");
    private static final Pattern BU = Pattern.compile("BU\\d{4}[0-9A-Z]{4}");

    /** Parses a (possibly space-padded, as CBS writes them) code; empty when it is no GM/WK/BU code. */
    public static Optional<AreaCode> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String code = raw.trim();
        if (GM.matcher(code).matches()) {
            return Optional.of(new AreaCode(code, "GM", code));
        }
        if (WK.matcher(code).matches() || BU.matcher(code).matches()) {
            // district and neighbourhood codes start with the 4 digits of their municipality
            return Optional.of(new AreaCode(code, code.substring(0, 2), "GM" + code.substring(2, 6)));
        }
        return Optional.empty();
    }

    public boolean isMunicipality() {
        return level.equals("GM");
    }
}
