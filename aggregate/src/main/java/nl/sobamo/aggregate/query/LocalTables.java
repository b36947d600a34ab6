package nl.sobamo.aggregate.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sobamo.aggregate.change.ProfileProcessor;
import nl.sobamo.aggregate.freshness.CoverageAggregator;
import nl.sobamo.aggregate.position.PositionStores;
import nl.sobamo.aggregate.position.Positions;
import nl.sobamo.aggregate.position.StoreKeys;
import nl.sobamo.aggregate.stream.AggregateTopology;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.state.SourceCoverageState;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads of this instance's stores, as JSON-ready rows. Only the partitions this instance owns. */
public final class LocalTables {

    private static final StringSerializer KEYS = new StringSerializer();
    private final StoreAccess stores;

    public LocalTables(StoreAccess stores) {
        this.stores = stores;
    }

    /** Every published row of the municipality, all periods (profile store, partitioned by municipality). */
    public List<Map<String, Object>> profile(String municipality) {
        return prefix(ProfileProcessor.PROFILE_STORE, municipality + StoreKeys.SEPARATOR);
    }

    public List<Map<String, Object>> changes(String municipality) {
        return prefix(ProfileProcessor.CHANGES_STORE, municipality + StoreKeys.SEPARATOR);
    }

    /**
     * One indicator and period across municipalities, each row with its position (the positions step's stores,
     * partitioned by indicator + period).
     */
    public List<Map<String, Object>> indicator(String indicatorId, String period) {
        return positioned(StoreKeys.prefix(StoreKeys.indicatorPeriod(indicatorId, period)));
    }

    /** The positioned row(s) of one municipality in one indicator-period (one per sphere; normally one). */
    public List<Map<String, Object>> position(String indicatorId, String period, String municipality) {
        return positioned(StoreKeys.prefix(StoreKeys.indicatorPeriod(indicatorId, period)) + municipality + StoreKeys.SEPARATOR);
    }

    public List<Map<String, Object>> benchmarks(String indicatorId, String period) {
        return prefix(PositionStores.BENCHMARKS, StoreKeys.prefix(StoreKeys.indicatorPeriod(indicatorId, period)));
    }

    public List<Map<String, Object>> allIndicators() {
        return positioned(null);
    }

    public List<Map<String, Object>> allBenchmarks() {
        return all(PositionStores.BENCHMARKS);
    }

    public List<Map<String, Object>> allChanges() {
        return all(ProfileProcessor.CHANGES_STORE);
    }

    public List<Map<String, Object>> freshness() {
        List<Map<String, Object>> rows = new ArrayList<>();
        ReadOnlyKeyValueStore<String, SourceCoverageState> store = stores.store(AggregateTopology.FRESHNESS_STORE);
        try (KeyValueIterator<String, SourceCoverageState> it = store.all()) {
            it.forEachRemaining(kv -> rows.add(Json.row(CoverageAggregator.toFreshness(kv.value))));
        }
        return rows;
    }

    /** The area reference is a global store: every instance has all of it. */
    public AreaReference area(String code) {
        ReadOnlyKeyValueStore<String, AreaReference> store = stores.store(AggregateTopology.AREA_REFERENCE_STORE);
        return store.get(code);
    }

    /** The catalog entry of an indicator (global store of sobamo.reference.indicators.v1), null when not (yet) read. */
    public Map<String, Object> indicatorReference(String indicatorId) {
        ReadOnlyKeyValueStore<String, org.apache.avro.specific.SpecificRecord> store =
                stores.store(AggregateTopology.INDICATOR_REFERENCE_STORE);
        org.apache.avro.specific.SpecificRecord r = store.get(indicatorId);
        return r == null ? null : Json.row(r);
    }

    /**
     * The positions step's rows under {@code prefix} (all when null) joined with their positions by member key: the
     * rows as they looked when positions travelled on the indicator topic (see {@link Positions}).
     */
    private List<Map<String, Object>> positioned(String prefix) {
        ReadOnlyKeyValueStore<String, IndicatorValue> inputs = stores.store(PositionStores.INPUTS);
        ReadOnlyKeyValueStore<String, IndicatorPosition> positions = stores.store(PositionStores.POSITIONS);
        Map<String, IndicatorPosition> byMember = new HashMap<>();
        try (KeyValueIterator<String, IndicatorPosition> it = prefix == null ? positions.all() : positions.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(kv -> byMember.put(kv.key, kv.value));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (KeyValueIterator<String, IndicatorValue> it = prefix == null ? inputs.all() : inputs.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(kv -> rows.add(Json.row(Positions.positioned(kv.value, byMember.get(kv.key)))));
        }
        return rows;
    }

    private List<Map<String, Object>> prefix(String storeName, String prefix) {
        List<Map<String, Object>> rows = new ArrayList<>();
        ReadOnlyKeyValueStore<String, org.apache.avro.specific.SpecificRecord> store = stores.store(storeName);
        try (KeyValueIterator<String, org.apache.avro.specific.SpecificRecord> it = store.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(kv -> rows.add(Json.row(kv.value)));
        }
        return rows;
    }

    private List<Map<String, Object>> all(String storeName) {
        List<Map<String, Object>> rows = new ArrayList<>();
        ReadOnlyKeyValueStore<String, org.apache.avro.specific.SpecificRecord> store = stores.store(storeName);
        try (KeyValueIterator<String, org.apache.avro.specific.SpecificRecord> it = store.all()) {
            it.forEachRemaining(kv -> rows.add(Json.row(kv.value)));
        }
        return rows;
    }
}
