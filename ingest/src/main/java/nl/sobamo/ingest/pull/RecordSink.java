package nl.sobamo.ingest.pull;

import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.schemas.RawRecord;

/** Where a {@link RecordMapper} puts what it made of the rows. */
public interface RecordSink {

    void record(RawRecord record);

    /**
     * A row (or a record built from rows) that cannot be used.
     *
     * @param recordId id of the record it belonged to, when known
     * @param field    the offending field, when one is
     */
    void deadLetter(Row row, String recordId, String field, String message);

    /** A row left out on purpose, counted under {@code reason}. */
    void skip(String reason);
}
