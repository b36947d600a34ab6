package nl.sobamo.aggregate.reference;

import nl.sobamo.schemas.IndicatorReference;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Global-store processor: keeps the latest catalog entry per indicator id (sobamo.reference.indicators.v1). */
public final class IndicatorReferenceUpdater implements Processor<String, IndicatorReference, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, IndicatorReference> store;

    public IndicatorReferenceUpdater(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, IndicatorReference> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
