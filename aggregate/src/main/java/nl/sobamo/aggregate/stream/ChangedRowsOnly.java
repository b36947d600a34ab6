package nl.sobamo.aggregate.stream;

import nl.sobamo.aggregate.change.ProfileProcessor;
import nl.sobamo.aggregate.position.StoreKeys;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Passes on a municipality row only when it differs from the row last passed on, so
 * {@code sobamo.tables.indicators.v1} (and the positions step and profile behind it) get one record per change.
 * The per-municipality step recomputes a row whenever one of its observations changes, which often gives the same row
 * (a lower-priority source, a replayed observation under a new id).
 *
 * <p>Reads the profile store ({@link ProfileProcessor#PROFILE_STORE}: the latest row per municipality, indicator,
 * sphere and period, in this same task) instead of keeping a copy of every row: {@link ProfileProcessor} downstream
 * writes each passed row there before the next record is processed (forwarding is synchronous).
 */
final class ChangedRowsOnly implements Processor<IndicatorKey, IndicatorValue, IndicatorKey, IndicatorValue> {

    private ProcessorContext<IndicatorKey, IndicatorValue> context;
    private KeyValueStore<String, IndicatorValue> profile;

    @Override
    public void init(ProcessorContext<IndicatorKey, IndicatorValue> context) {
        this.context = context;
        profile = context.getStateStore(ProfileProcessor.PROFILE_STORE);
    }

    @Override
    public void process(Record<IndicatorKey, IndicatorValue> record) {
        IndicatorValue row = record.value();
        if (row != null && !row.equals(profile.get(StoreKeys.profile(row)))) {
            context.forward(record);
        }
    }
}
