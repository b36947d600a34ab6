package nl.sobamo.normalize.mapping;

import java.util.List;
import nl.sobamo.schemas.Observation;

/** What became of one raw record: observations, a failure for the dead-letter topic, or a counted skip. */
public sealed interface NormalizeResult {

    record Observations(List<Observation> observations, int missingValues) implements NormalizeResult {
        public Observations {
            observations = List.copyOf(observations);
        }
    }

    record Failed(MappingFailure failure) implements NormalizeResult {
    }

    /** Nothing in the record maps to the catalog (e.g. a record with only missing values). */
    record Skipped(String reason) implements NormalizeResult {
    }
}
