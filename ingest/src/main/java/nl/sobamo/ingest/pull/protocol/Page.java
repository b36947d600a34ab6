package nl.sobamo.ingest.pull.protocol;

import java.util.List;

/**
 * One page of a table: its rows and the link to the next page.
 *
 * @param rows     rows in page order
 * @param nextLink absolute URL of the next page, or null on the last page
 */
public record Page(List<Row> rows, String nextLink) {

    public Page {
        rows = List.copyOf(rows);
    }
}
