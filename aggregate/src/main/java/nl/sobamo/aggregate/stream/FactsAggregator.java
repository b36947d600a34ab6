package nl.sobamo.aggregate.stream;

import java.util.HashMap;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.state.MunicipalityFacts;

/**
 * Keeps the latest observation per observation id. Ids are deterministic, so a replayed or corrected
 * observation replaces the earlier one instead of being counted twice.
 */
final class FactsAggregator {

    private FactsAggregator() {
    }

    static MunicipalityFacts empty() {
        return new MunicipalityFacts("", "", new HashMap<>());
    }

    static MunicipalityFacts add(Observation observation, MunicipalityFacts facts) {
        HashMap<String, Observation> observations = new HashMap<>(facts.getObservations());
        observations.put(observation.getObservationId(), observation);
        return new MunicipalityFacts(observation.getMunicipalityCode(), observation.getPeriod(), observations);
    }
}
