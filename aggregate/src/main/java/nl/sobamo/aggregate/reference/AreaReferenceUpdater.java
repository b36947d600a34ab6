package nl.sobamo.aggregate.reference;

import nl.sobamo.schemas.AreaReference;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Global-store processor: keeps the latest area reference per code and tells the positions step it changed. */
public final class AreaReferenceUpdater implements Processor<String, AreaReference, Void, Void> {

    private final String storeName;
    private final ReferenceEpoch epoch;
    private KeyValueStore<String, AreaReference> store;

    public AreaReferenceUpdater(String storeName, ReferenceEpoch epoch) {
        this.storeName = storeName;
        this.epoch = epoch;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, AreaReference> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        epoch.bump();
    }
}
