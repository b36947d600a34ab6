package nl.sobamo.normalize.stream;

import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;

/** One output of the normalize processor: either an observation with its event key, or a dead letter. */
sealed interface NormalizeOutcome {

    record Emitted(MunicipalitySphereKey key, Observation observation) implements NormalizeOutcome {
    }

    record DeadLettered(DeadLetter deadLetter) implements NormalizeOutcome {
    }
}
