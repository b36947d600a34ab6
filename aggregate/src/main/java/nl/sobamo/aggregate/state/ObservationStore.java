package nl.sobamo.aggregate.state;

import java.util.ArrayList;
import java.util.List;
import nl.sobamo.schemas.Observation;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A row processor's observations under {@code |}-separated keys whose prefixes are what the processor recomputes
 * from (municipality, period, indicator...). Replays are recognised here so that an identical observation
 * recomputes and forwards nothing.
 */
public final class ObservationStore {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, Observation> store;

    private ObservationStore(KeyValueStore<String, Observation> store) {
        this.store = store;
    }

    /** The store {@code name} of the processor's context (call from {@code init}). */
    public static ObservationStore of(ProcessorContext<?, ?> context, String name) {
        return new ObservationStore(context.getStateStore(name));
    }

    /** Stores {@code o} under {@code key}; false (and nothing stored) when it is an identical replay. */
    public boolean putIfChanged(String key, Observation o) {
        if (o.equals(store.get(key))) {
            return false;
        }
        store.put(key, o);
        return true;
    }

    /** Stores {@code o} under {@code key} (the caller knows it changed). */
    public void put(String key, Observation o) {
        store.put(key, o);
    }

    /** Every key and observation whose key starts with {@code prefix}, in key order. */
    public List<KeyValue<String, Observation>> scanEntries(String prefix) {
        List<KeyValue<String, Observation>> result = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = store.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(result::add);
        }
        return result;
    }

    /** Every observation whose key starts with {@code prefix}, in key order. */
    public List<Observation> scan(String prefix) {
        List<Observation> result = new ArrayList<>();
        scanEntries(prefix).forEach(kv -> result.add(kv.value));
        return result;
    }
}
