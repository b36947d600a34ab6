package nl.sobamo.aggregate.position;

import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** State stores of the positions step; INPUTS, POSITIONS and BENCHMARKS are the ones the query API reads. */
public final class PositionStores {

    /** indicator|period|municipality|sphere -> the row as computed per municipality (no positions). */
    public static final String INPUTS = "position-inputs";
    /**
     * indicator|period|municipality|sphere -> the position as last published on sobamo.tables.positions.v1 (only
     * members that have one). Replaced {@code positioned-indicators} (whole rows with positions).
     */
    public static final String POSITIONS = "indicator-positions";
    /** indicator|period|groupType|groupValue -> benchmark row as last published. */
    public static final String BENCHMARKS = "benchmark-rows";
    /** indicator|period -> "" while the indicator-period awaits recomputation. */
    public static final String DIRTY = "position-dirty";

    static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private PositionStores() {
    }

    public static StoreBuilder<KeyValueStore<String, IndicatorValue>> inputs(AggregateSerdes serdes) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INPUTS), Serdes.String(), serdes.indicatorValue())
                .withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<String, IndicatorPosition>> positions(AggregateSerdes serdes) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POSITIONS), Serdes.String(), serdes.indicatorPosition())
                .withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<String, BenchmarkRow>> benchmarks(AggregateSerdes serdes) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BENCHMARKS), Serdes.String(), serdes.benchmarkRow())
                .withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<String, String>> dirty() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DIRTY), Serdes.String(), Serdes.String())
                .withCachingEnabled();
    }
}
