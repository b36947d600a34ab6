package nl.sobamo.ingest.records;

/** Reason codes of the ingest stage, for dead letters and for the skipped counts. */
public final class Reasons {

    /** Dead letter: a row (CSV line, JSON region entry) that cannot be read as the format promises. */
    public static final String MALFORMED_ROW = "MALFORMED_ROW";

    /**
     * Skipped: a national aggregate (Iv3 {@code Nederland}, CBS {@code NL..}) in a per-municipality source. It would
     * count every municipality twice in any statistic, so it is never published.
     */
    public static final String AGGREGATE_ROW = "AGGREGATE_ROW";

    /** Dead letter: a whole page or document that cannot be read (truncated or invalid JSON/CSV, not a collection). */
    public static final String MALFORMED_PAGE = "MALFORMED_PAGE";

    /**
     * Skipped: a record whose content equals what the last completed pull of the table published (or a whole
     * table whose version stamp did not change), so publishing it again would only duplicate it.
     */
    public static final String UNCHANGED = "UNCHANGED";

    /** Skipped: an Iv3 balance-sheet row (categories {@code A*}/{@code P*}) in a table of income and expenses. */
    public static final String NOT_AN_ACCOUNT_ROW = "NOT_AN_ACCOUNT_ROW";

    private Reasons() {
    }
}
