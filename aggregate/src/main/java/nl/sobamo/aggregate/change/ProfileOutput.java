package nl.sobamo.aggregate.change;

import nl.sobamo.schemas.IndicatorChange;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import org.apache.kafka.streams.KeyValue;

/**
 * One output of the profile step: a changed indicator row (for {@code sobamo.tables.indicators.v1} and the positions
 * step) or a year-over-year change (for {@code sobamo.tables.changes.v1}). One sealed type, split by kind in the
 * topology, as {@code PositionOutput}.
 */
public sealed interface ProfileOutput {

    /** A row that differs from the one last published under its key. */
    record ChangedRow(IndicatorKey key, IndicatorValue row) implements ProfileOutput {

        public KeyValue<IndicatorKey, IndicatorValue> toKeyValue() {
            return KeyValue.pair(key, row);
        }
    }

    record Change(IndicatorKey key, IndicatorChange change) implements ProfileOutput {

        public KeyValue<IndicatorKey, IndicatorChange> toKeyValue() {
            return KeyValue.pair(key, change);
        }
    }
}
