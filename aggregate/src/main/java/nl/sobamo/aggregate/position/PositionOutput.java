package nl.sobamo.aggregate.position;

import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorPosition;
import org.apache.kafka.streams.KeyValue;

/**
 * One output of the positions step. The step publishes to two topics with different key and value types; one
 * sealed type lets the topology split them by kind without casting keys it cannot check.
 */
public sealed interface PositionOutput {

    /**
     * A municipality's position for {@code sobamo.tables.positions.v1}, keyed like its indicator row; {@code position}
     * is null (a tombstone on the compacted topic) when the row stopped having one (suppressed, removed).
     */
    record PositionUpdate(IndicatorKey key, IndicatorPosition position) implements PositionOutput {

        public KeyValue<IndicatorKey, IndicatorPosition> toKeyValue() {
            return KeyValue.pair(key, position);
        }
    }

    /**
     * A group's benchmark row for {@code sobamo.tables.benchmarks.v1}; {@code row} is null (a tombstone on the
     * compacted topic) when the group lost its last member.
     */
    record BenchmarkUpdate(BenchmarkKey key, BenchmarkRow row) implements PositionOutput {

        public KeyValue<BenchmarkKey, BenchmarkRow> toKeyValue() {
            return KeyValue.pair(key, row);
        }
    }
}
