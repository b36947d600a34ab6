package nl.sobamo.ingest.pull.protocol;

/**
 * Where a row stands: the page's link (its live URL, as followed) and the row's 0-based index in that page. A
 * checkpoint stores the position of the first row not yet turned into a published record.
 */
public record RowPosition(String pageLink, int index) {
}
