package nl.sobamo.aggregate.change;

import java.util.Objects;
import nl.sobamo.aggregate.position.StoreKeys;
import nl.sobamo.schemas.IndicatorChange;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Partitioned by municipality: keeps every published row of the municipality (the profile the query API
 * serves with one prefix scan), passes on each row that differs from the one stored under its key (so
 * {@code sobamo.tables.indicators.v1} and the positions step get one record per change: the per-municipality step
 * often recomputes an unchanged row, e.g. for a lower-priority source or a replay under another id) and computes
 * year-over-year changes against the neighbouring periods when a row's value changes. A row whose value, dataAsOf
 * and unit are unchanged (other provenance, bounds, ...) is published but causes no change recomputation. Deduplicating
 * here reads each row's predecessor once, for both purposes.
 */
public final class ProfileProcessor implements Processor<String, IndicatorValue, IndicatorKey, ProfileOutput> {

    public static final String PROFILE_STORE = "municipality-profile";
    public static final String CHANGES_STORE = "indicator-changes";

    private final ChangeCalculator changes;
    private ProcessorContext<IndicatorKey, ProfileOutput> context;
    private KeyValueStore<String, IndicatorValue> profile;
    private KeyValueStore<String, IndicatorChange> changeStore;

    public ProfileProcessor(ChangeCalculator changes) {
        this.changes = changes;
    }

    @Override
    public void init(ProcessorContext<IndicatorKey, ProfileOutput> context) {
        this.context = context;
        profile = context.getStateStore(PROFILE_STORE);
        changeStore = context.getStateStore(CHANGES_STORE);
    }

    @Override
    public void process(Record<String, IndicatorValue> record) {
        IndicatorValue row = record.value();
        if (row == null) {
            return;
        }
        String key = StoreKeys.profile(row);
        IndicatorValue old = profile.get(key);
        if (row.equals(old)) {
            return;
        }
        profile.put(key, row);
        IndicatorKey rowKey = new IndicatorKey(row.getMunicipalityCode(), row.getSphere(), row.getIndicatorId(), row.getPeriod());
        context.forward(new Record<>(rowKey, new ProfileOutput.ChangedRow(rowKey, row), record.timestamp()));
        if (old != null && Objects.equals(old.getValue(), row.getValue()) && Objects.equals(old.getDataAsOf(), row.getDataAsOf())
                && Objects.equals(old.getUnit(), row.getUnit())) {
            return;
        }
        String previous = ChangeCalculator.previousPeriod(row.getPeriod());
        String next = ChangeCalculator.nextPeriod(row.getPeriod());
        if (previous != null) {
            IndicatorValue before = profile.get(sibling(row, previous));
            if (before != null) {
                publish(changes.between(before, row), record.timestamp());
            }
        }
        if (next != null) {
            IndicatorValue after = profile.get(sibling(row, next));
            if (after != null) {
                publish(changes.between(row, after), record.timestamp());
            }
        }
    }

    private void publish(IndicatorChange change, long timestamp) {
        String key = StoreKeys.profile(change.getMunicipalityCode(), change.getIndicatorId(), change.getSphere().name(),
                change.getToPeriod());
        if (!change.equals(changeStore.get(key))) {
            changeStore.put(key, change);
            IndicatorKey changeKey = new IndicatorKey(change.getMunicipalityCode(), change.getSphere(), change.getIndicatorId(),
                    change.getToPeriod());
            context.forward(new Record<>(changeKey, new ProfileOutput.Change(changeKey, change), timestamp));
        }
    }

    private static String sibling(IndicatorValue row, String period) {
        return StoreKeys.profile(row.getMunicipalityCode(), row.getIndicatorId(), row.getSphere().name(), period);
    }
}
