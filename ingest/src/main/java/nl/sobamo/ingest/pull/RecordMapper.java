package nl.sobamo.ingest.pull;

import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.ingest.pull.protocol.RowPosition;

/**
 * Turns a table's rows into raw records, one source's rules. One instance per pull, fed every row in table order.
 * A mapper that builds a record from several rows (an Iv3 account, a RIVM estimate with its margins, a v4 region)
 * holds them until the record is complete and reports the first held row as {@link #firstPending()}, which is
 * where a resumed pull must start re-reading.
 */
public interface RecordMapper {

    /** Called with readable rows only: rows with a problem are dead-lettered before they get here. */
    void accept(Row row, RecordSink out);

    /** Called once after the last row: emit what is still held. */
    default void finish(RecordSink out) {
    }

    /** The first row whose record is not yet emitted, or null when nothing is held. */
    default RowPosition firstPending() {
        return null;
    }
}
