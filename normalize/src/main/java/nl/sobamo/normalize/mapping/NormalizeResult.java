package nl.sobamo.normalize.mapping;

import java.util.List;
import nl.sobamo.schemas.Observation;

/** What became of one raw record: observations, a failure for the dead-letter topic, or a counted skip. */
public sealed interface NormalizeResult {

    /**
     * @param classificationYear the municipal boundaries (of which year) the record's area codes follow; the
     *                           harmoniser re-expresses observations on older boundaries on today's municipalities
     */
    record Observations(List<Observation> observations, int missingValues, int classificationYear) implements NormalizeResult {
        public Observations {
            observations = List.copyOf(observations);
        }
    }

    record Failed(MappingFailure failure) implements NormalizeResult {
    }

    /** Nothing in the record maps to the catalog (e.g. a record with only missing values, or another age group). */
    record Skipped(String reason) implements NormalizeResult {
    }
}
