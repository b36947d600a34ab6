package nl.sobamo.aggregate.reference;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Global-store processor for a compacted reference topic: keeps the latest value per key (a tombstone deletes it)
 * and then runs {@code afterUpdate}, because a global store update cannot trigger processing in stream tasks
 * (the area reference uses it to bump its {@link ReferenceEpoch}).
 */
public final class LatestValueUpdater<V> implements Processor<String, V, Void, Void> {

    private final String storeName;
    private final Runnable afterUpdate;
    private KeyValueStore<String, V> store;

    public LatestValueUpdater(String storeName, Runnable afterUpdate) {
        this.storeName = storeName;
        this.afterUpdate = afterUpdate;
    }

    /** Keeps the latest value per key and signals nothing (e.g. the indicator catalog). */
    public LatestValueUpdater(String storeName) {
        this(storeName, () -> { });
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        afterUpdate.run();
    }
}
