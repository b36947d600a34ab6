package nl.sobamo.normalize.stream;

import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import org.apache.kafka.streams.KeyValue;

/** One output of the normalize processor: an observation with its event key, a part to harmonise, or a dead letter. */
sealed interface NormalizeOutcome {

    record Emitted(MunicipalitySphereKey key, Observation observation) implements NormalizeOutcome {

        KeyValue<MunicipalitySphereKey, Observation> toKeyValue() {
            return KeyValue.pair(key, observation);
        }
    }

    /** An observation on old boundaries, on its way to the successor it contributes to (see {@link HarmonizeProcessor}). */
    record ToHarmonise(String groupKey, Observation part) implements NormalizeOutcome {

        KeyValue<String, Observation> toKeyValue() {
            return KeyValue.pair(groupKey, part);
        }
    }

    record DeadLettered(DeadLetter deadLetter) implements NormalizeOutcome {
    }
}
