package nl.sobamo.aggregate.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.reference.ReferenceEpoch;
import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.SourceRef;
import nl.sobamo.schemas.Sphere;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The positions step keeps each indicator-period's members and last published positions in memory. A new processor
 * on the same stores (a restart, a rebalance, a revived task) must rebuild them from the stores and publish exactly
 * what a processor that never stopped would.
 */
class PositionProcessorMemoryTest {

    private static final String AREAS = "areas";
    private final AggregateConfig config = AggregateConfig.defaults();
    private MockProcessorContext<String, PositionOutput> context;
    private long now = 0;

    @BeforeEach
    void stores() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "position-processor-memory");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        context = new MockProcessorContext<>(props);
        context.setCurrentSystemTimeMs(now);
        // the mock context serialises every store under one topic name ("changelog"): one registry scope per store
        add(PositionStores.INPUTS, serdes(PositionStores.INPUTS).indicatorValue());
        add(PositionStores.POSITIONS, serdes(PositionStores.POSITIONS).indicatorPosition());
        add(PositionStores.BENCHMARKS, serdes(PositionStores.BENCHMARKS).benchmarkRow());
        add(PositionStores.DIRTY, Serdes.String());
        add(AREAS, serdes(AREAS).areaReference());
    }

    @Test
    void aRestartedStepRebuildsItsMembersFromTheStoresAndPublishesOnlyWhatChanged() {
        PositionProcessor before = started();
        before.process(row("GM0001", 100, "a"));
        before.process(row("GM0002", 200, "a"));
        before.process(row("GM0003", 300, "a"));
        before.process(row("GM0004", 400, "a"));
        Map<String, IndicatorPosition> first = run(before);
        assertThat(first).hasSize(4);
        assertThat(first.get("GM0004").getPercentileRankNational()).isEqualTo(87.5);

        // a new processor instance on the same stores, empty memory: GM0001 moves from lowest to highest
        PositionProcessor after = started();
        after.process(row("GM0001", 500, "a"));
        Map<String, IndicatorPosition> second = run(after);
        assertThat(second.keySet()).containsExactlyInAnyOrder("GM0001", "GM0002", "GM0003", "GM0004");
        assertThat(second.get("GM0001").getPercentileRankNational()).isEqualTo(87.5);
        assertThat(second.get("GM0002").getPercentileRankNational()).isEqualTo(12.5);
        assertThat(second.get("GM0004").getValue()).isEqualTo(400.0);

        // a change the ranking cannot see (another source record, same value): stored for the API, nothing recomputed
        after.process(row("GM0003", 300, "b"));
        assertThat(dirty()).isEmpty();
        KeyValueStore<String, IndicatorValue> inputs = context.getStateStore(PositionStores.INPUTS);
        assertThat(inputs.get(StoreKeys.member(value("GM0003", 300, "b"))).getProvenance())
                .extracting(SourceRef::getSourceRecordId).containsExactly("b");
        assertThat(run(after)).isEmpty();
    }

    @Test
    void aSuppressedValueLosesItsPositionAfterARestart() {
        PositionProcessor before = started();
        before.process(row("GM0001", 100, "a"));
        before.process(row("GM0002", 200, "a"));
        run(before);

        PositionProcessor after = started();
        after.process(new Record<>("x.rate|2023", IndicatorValue.newBuilder(value("GM0002", 200, "a")).setValue(null)
                .setSuppressionReason("SMALL_CELL").build(), 0L));
        Map<String, IndicatorPosition> published = run(after);
        assertThat(published).containsEntry("GM0002", null); // a tombstone
        assertThat(published.get("GM0001").getPercentileRankNational()).isEqualTo(50.0); // alone now
        KeyValueStore<String, IndicatorPosition> positions = context.getStateStore(PositionStores.POSITIONS);
        assertThat(positions.get(StoreKeys.member(value("GM0002", 200, "a")))).isNull();
    }

    @Test
    void aBudgetTooSmallForOneIndicatorPeriodEvictsTheOthersAndPublishesTheSame() {
        MemoryBudget tiny = new MemoryBudget(1);
        PositionProcessor p = started(tiny);
        for (String indicator : List.of("x.rate", "y.rate", "z.rate")) {
            p.process(row(indicator, "GM0001", 100));
            p.process(row(indicator, "GM0002", 200));
        }
        Map<String, Double> first = ranks(p);
        assertThat(first).hasSize(6).containsEntry("x.rate/GM0002", 75.0).containsEntry("z.rate/GM0001", 25.0);
        // every indicator-period but the one last recomputed was evicted; a change reads its members back
        p.process(row("x.rate", "GM0001", 300));
        assertThat(ranks(p)).containsOnly(Map.entry("x.rate/GM0001", 75.0), Map.entry("x.rate/GM0002", 25.0));
        assertThat(tiny.held()).isPositive();
        p.close();
        assertThat(tiny.held()).isZero();
    }

    private PositionProcessor started() {
        return started(new MemoryBudget(Long.MAX_VALUE));
    }

    private PositionProcessor started(MemoryBudget budget) {
        PositionProcessor p = new PositionProcessor(config, new ReferenceEpoch(), AREAS, budget, new PositionBacklog());
        p.init(context);
        return p;
    }

    /** One run with input paused: indicator/municipality -> national percentile rank of what it published. */
    private Map<String, Double> ranks(PositionProcessor p) {
        context.resetForwards();
        now += 10_000;
        context.setCurrentSystemTimeMs(now);
        p.recomputeDirty(0);
        Map<String, Double> ranks = new TreeMap<>();
        context.forwarded().forEach(f -> {
            if (f.record().value() instanceof PositionOutput.PositionUpdate u) {
                ranks.put(u.key().getIndicatorId() + "/" + u.key().getMunicipalityCode(),
                        u.position().getPercentileRankNational());
            }
        });
        return ranks;
    }

    private static Record<String, IndicatorValue> row(String indicator, String code, double value) {
        IndicatorValue v = IndicatorValue.newBuilder(value(code, value, "a")).setIndicatorId(indicator).build();
        return new Record<>(indicator + "|2023", v, 0L);
    }

    /** One run with input paused (settle time passed): the positions it published by municipality (null: tombstone). */
    private Map<String, IndicatorPosition> run(PositionProcessor p) {
        context.resetForwards();
        now += 10_000;
        context.setCurrentSystemTimeMs(now);
        p.recomputeDirty(0);
        Map<String, IndicatorPosition> published = new TreeMap<>();
        context.forwarded().forEach(f -> {
            if (f.record().value() instanceof PositionOutput.PositionUpdate u) {
                published.put(u.key().getMunicipalityCode(), u.position());
            }
        });
        return published;
    }

    private List<String> dirty() {
        KeyValueStore<String, String> store = context.getStateStore(PositionStores.DIRTY);
        try (var it = store.all()) {
            List<String> keys = new java.util.ArrayList<>();
            it.forEachRemaining(kv -> keys.add(kv.key));
            return keys;
        }
    }

    private static AggregateSerdes serdes(String store) {
        return AggregateSerdes.forRegistry("mock://position-processor-memory-" + store);
    }

    private <V> void add(String name, Serde<V> valueSerde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
                valueSerde).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private static Record<String, IndicatorValue> row(String code, double value, String sourceRecord) {
        return new Record<>("x.rate|2023", value(code, value, sourceRecord), 0L);
    }

    private static IndicatorValue value(String code, double value, String sourceRecord) {
        return IndicatorValue.newBuilder().setIndicatorId("x.rate").setMunicipalityCode(code)
                .setSphere(Sphere.COMMUNAL).setIngredient(Ingredient.OUTPUT).setPeriod("2023").setValue(value)
                .setUnit("PERCENT").setProvenance(List.of(SourceRef.newBuilder().setSource("s").setDataset("d")
                        .setPeriod("2023").setSourceRecordId(sourceRecord).setFetchedAt(Instant.EPOCH)
                        .setObservationId(sourceRecord).build()))
                .setDataAsOf(Instant.EPOCH).build();
    }
}
