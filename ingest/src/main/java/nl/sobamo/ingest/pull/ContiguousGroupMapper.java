package nl.sobamo.ingest.pull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.ingest.pull.protocol.RowPosition;

/**
 * Builds one record from a run of consecutive rows with the same group key (CBS orders rows by dimension, so the
 * taakvelden of one municipality, or the margins of one estimate, are adjacent). A group is complete when a row
 * with another key arrives, or at the end of the table; a group may span a page boundary, in which case its first
 * row is the resume position.
 */
public abstract class ContiguousGroupMapper implements RecordMapper {

    private String key;
    private final List<Row> rows = new ArrayList<>();

    /** The group a row belongs to, or null when the row is unusable (the subclass dead-letters or skips it). */
    protected abstract String groupKey(Row row, RecordSink out);

    /** Emits the record of a complete group (rows in table order, at least one). */
    protected abstract void emit(List<Row> group, RecordSink out);

    @Override
    public final void accept(Row row, RecordSink out) {
        String k = groupKey(row, out);
        if (k == null) {
            return;
        }
        if (key != null && !Objects.equals(key, k)) {
            flush(out);
        }
        key = k;
        rows.add(row);
    }

    @Override
    public final void finish(RecordSink out) {
        flush(out);
    }

    private void flush(RecordSink out) {
        if (!rows.isEmpty()) {
            emit(List.copyOf(rows), out);
        }
        rows.clear();
        key = null;
    }

    @Override
    public final RowPosition firstPending() {
        return rows.isEmpty() ? null : rows.get(0).position();
    }

    /** {@code $.value[3..74]} style location of a group (the rows of its first page). */
    protected static String location(List<Row> group) {
        Row first = group.get(0);
        Row last = group.get(group.size() - 1);
        return first == last ? first.location() : first.location() + " .. " + last.location()
                + (first.uri().equals(last.uri()) ? "" : " of " + last.uri());
    }
}
