package nl.sobamo.ingest.pull.protocol.odata;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CBS value conventions: padded codes, period keys, aggregate regions. */
public final class CbsValues {

    private static final Pattern PERIOD = Pattern.compile("(\\d{4})(JJ|KW|MM|HJ|X0|G\\d)(\\d{2})");

    private CbsValues() {
    }

    /** {@code "GM0363    "} to {@code "GM0363"}; null stays null. */
    public static String trim(String code) {
        return code == null ? null : code.strip();
    }

    /**
     * A CBS period key as the raw records' {@code period}: {@code 2024JJ00} to {@code 2024}, {@code 1996KW01} to
     * {@code 1996Q1}, {@code 2024MM03} to {@code 2024-03}, {@code 2020HJ01} to {@code 2020H1}. Anything else (a
     * multi-year span such as {@code 2018G400}, or a plain year) is returned trimmed.
     */
    public static String period(String key) {
        String k = trim(key);
        if (k == null) {
            return null;
        }
        Matcher m = PERIOD.matcher(k);
        if (!m.matches()) {
            return k;
        }
        String year = m.group(1);
        int n = Integer.parseInt(m.group(3));
        return switch (m.group(2)) {
            case "JJ" -> year;
            case "KW" -> year + "Q" + n;
            case "MM" -> year + "-" + m.group(3);
            case "HJ" -> year + "H" + n;
            default -> k;
        };
    }

    /** National ({@code NL..}) and provincial ({@code PV..}) rows: never published by per-area sources. */
    public static boolean isAggregate(String areaCode) {
        return areaCode != null && (areaCode.startsWith("NL") || areaCode.startsWith("PV"));
    }

    /**
     * A number as a plain string: integers as written, decimals without scientific notation, an integral decimal
     * such as {@code 5.0} as {@code 5}, so the same number always gives the same string.
     */
    public static String plain(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : stripped.toPlainString();
    }
}
