package nl.sobamo.ingest.pull;

import java.util.List;

import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.RawRecord;

/**
 * What one step of a pull produced, to publish before the step is checkpointed.
 *
 * @param records     new or changed records, for the raw topic
 * @param deadLetters rows or pages that could not be used, for the ingest DLQ
 */
public record PageBatch(List<RawRecord> records, List<DeadLetter> deadLetters) {

    public PageBatch {
        records = List.copyOf(records);
        deadLetters = List.copyOf(deadLetters);
    }
}
