package nl.sobamo.ingest.pull.protocol;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One row of a source page, its values as trimmed strings.
 *
 * @param cells       column or property name to value (null = missing); insertion order is the source's
 * @param position    where the row stands, for resuming
 * @param uri         the URL the page was fetched from
 * @param contentHash SHA-256 of the page
 * @param location    human-readable position, e.g. {@code $.value[17]} or {@code line 5}
 * @param raw         the row as it stood in the page (rendered on demand, for dead letters)
 * @param problem     why the row cannot be read, or null when it can
 */
public record Row(Map<String, String> cells, RowPosition position, String uri, String contentHash, String location,
                  Supplier<String> raw, String problem) {

    public String get(String key) {
        return cells.get(key);
    }
}
