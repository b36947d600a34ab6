package nl.sobamo.ingest.pull.source;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Iv3 table to pull, as configured in {@code sobamo.ingest.iv3.tables} or derived from
 * {@code sobamo.ingest.iv3.years} and {@code sobamo.ingest.iv3.report-type}:
 * <ul>
 *   <li>{@code 2023X005}: a CBS {@code Verslagsoort} key (year + report type). The table is found in the dataderden
 *       IV3 catalog by its title {@code Gemeenten 2023 onbewerkte Iv3-data} and its data set filtered on
 *       {@code Verslagsoort eq '2023X005'};</li>
 *   <li>{@code 45063NED:2023X005}: the same with the table named, no catalog lookup;</li>
 *   <li>{@code 45063NED} (or the fixture's {@code IV3JR2023}): the whole table, as named.</li>
 * </ul>
 *
 * @param tableId      the table id, or null when it is to be discovered
 * @param verslagsoort the {@code Verslagsoort} key to filter on, or null for the whole table
 */
public record Iv3Table(String tableId, String verslagsoort) {

    private static final Pattern VERSLAGSOORT = Pattern.compile("(\\d{4})(X\\d{3})");

    /** Report types by name; the codes are as public client code reads them (docs/ingest.md), not confirmed by CBS. */
    public static String reportTypeCode(String reportType) {
        String r = reportType.trim().toLowerCase(Locale.ROOT);
        return switch (r) {
            case "jaarrekening" -> "X005";
            case "begroting" -> "X000";
            default -> {
                if (r.matches("x\\d{3}")) {
                    yield r.toUpperCase(Locale.ROOT);
                }
                throw new IllegalArgumentException("Iv3 report type must be jaarrekening, begroting or a code like"
                        + " X005, was '" + reportType + "'");
            }
        };
    }

    /** The configured token of a year and report type, e.g. {@code 2023X005}. */
    public static String token(int year, String reportType) {
        return year + reportTypeCode(reportType);
    }

    public static Iv3Table parse(String token) {
        String t = token.trim();
        int colon = t.indexOf(':');
        if (colon > 0) {
            String v = t.substring(colon + 1).trim();
            if (!VERSLAGSOORT.matcher(v).matches()) {
                throw new IllegalArgumentException("Iv3 table '" + token + "': after ':' a Verslagsoort like 2023X005");
            }
            return new Iv3Table(t.substring(0, colon).trim(), v);
        }
        return VERSLAGSOORT.matcher(t).matches() ? new Iv3Table(null, t) : new Iv3Table(t, null);
    }

    public boolean discovered() {
        return tableId == null;
    }

    /** The year of the Verslagsoort, or null. */
    public Integer year() {
        if (verslagsoort == null) {
            return null;
        }
        Matcher m = VERSLAGSOORT.matcher(verslagsoort);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    /** The catalog title of the municipal table of the Verslagsoort's year. */
    public String catalogTitle() {
        return "Gemeenten " + year() + " onbewerkte Iv3-data";
    }

    /** The dataset of the records: the table id, plus the Verslagsoort when filtered (one table holds several). */
    public String dataset(String resolvedTableId) {
        return verslagsoort == null ? resolvedTableId : resolvedTableId + "-" + verslagsoort;
    }
}
