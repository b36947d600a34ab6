package nl.sobamo.ingest.records;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.RawRecord;

/**
 * What a bundle parser made of one source document: the records to publish, the parts it could not use (as dead
 * letters, so they can be inspected and replayed) and what it left out on purpose, counted per reason.
 *
 * @param source      source system, e.g. {@code cbs-kwb}
 * @param dataset     dataset id, e.g. {@code 85984NED}
 * @param records     records to publish, in source order
 * @param deadLetters unusable parts, in source order
 * @param skipped     parts left out on purpose, per reason code (e.g. {@code AGGREGATE_ROW -> 1})
 */
public record ParseResult(
        String source,
        String dataset,
        List<RawRecord> records,
        List<DeadLetter> deadLetters,
        Map<String, Integer> skipped) {

    public ParseResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dataset, "dataset");
        records = List.copyOf(records);
        deadLetters = List.copyOf(deadLetters);
        skipped = Map.copyOf(skipped);
    }

    /** Number of parts skipped for any reason. */
    public int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }
}
