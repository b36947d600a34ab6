package nl.sobamo.aggregate.stream;

import static nl.sobamo.aggregate.fixtures.TestObservations.inhabitants;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3Lasten61;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3LastenTotal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.indicator.IndicatorCalculator;
import nl.sobamo.aggregate.indicator.RecordSources;
import nl.sobamo.aggregate.indicator.SourcePriority;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Observation;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The rows step keeps recently touched indicator-periods' observations in memory in front of its store. Whether they
 * come from memory, from the store after an eviction, or from the store after a re-initialised task, the rows it
 * forwards must be the same.
 */
class MunicipalityRowsProcessorMemoryTest {

    private final AggregateConfig config = AggregateConfig.defaults();
    private final IndicatorCalculator calculator = new IndicatorCalculator(config.derived(),
            new SourcePriority(config.sourcePriority()), new RecordSources(config.recordSources()),
            config.smallCellThreshold(), config.smallCellSources());

    /** Population and spending of two municipalities and years, then corrections, a replay and a second source. */
    private static List<Observation> updates() {
        List<Observation> all = new ArrayList<>();
        for (String m : List.of("GM0001", "GM0002")) {
            for (String year : List.of("2022", "2023")) {
                all.add(inhabitants(m, year, 10_000, "cbs"));
                all.add(iv3Lasten61(m, year, 1_000_000));
                all.add(iv3LastenTotal(m, year, 20_000_000));
            }
        }
        all.add(inhabitants("GM0001", "2023", 12_500, "cbs"));   // a correction: the derived rows follow
        all.add(iv3Lasten61("GM0002", "2022", 1_500_000));
        all.add(iv3Lasten61("GM0002", "2022", 1_500_000));       // a replay: nothing
        all.add(inhabitants("GM0001", "2023", 12_000, "push"));  // a second source for the same indicator
        all.add(iv3LastenTotal("GM0001", "2023", 25_000_000));
        return all;
    }

    @Test
    void rowsAreTheSameFromMemoryFromTheStoreAfterEvictionAndAfterReinit() {
        List<KeyValue<IndicatorKey, IndicatorValue>> roomy = run(() -> new MunicipalityRowsProcessor(calculator), false);
        List<KeyValue<IndicatorKey, IndicatorValue>> evicting = run(() -> new MunicipalityRowsProcessor(calculator, 1), false);
        List<KeyValue<IndicatorKey, IndicatorValue>> reinit = run(() -> new MunicipalityRowsProcessor(calculator), true);

        assertThat(roomy).isNotEmpty();
        assertThat(evicting).isEqualTo(roomy);
        assertThat(reinit).isEqualTo(roomy);
        // the replay forwarded nothing: one observed row per distinct observation, derived rows besides
        assertThat(roomy.stream().filter(kv -> kv.key.getIndicatorId().equals("iv3.lasten.6.1")
                && kv.key.getMunicipalityCode().equals("GM0002") && kv.key.getPeriod().equals("2022"))).hasSize(2);
    }

    /** Every update through one processor on a fresh store; with {@code reinit}, init is called again before each. */
    private List<KeyValue<IndicatorKey, IndicatorValue>> run(Supplier<MunicipalityRowsProcessor> processor, boolean reinit) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rows-processor-memory");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<IndicatorKey, IndicatorValue> context = new MockProcessorContext<>(props);
        KeyValueStore<String, Observation> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(MunicipalityRowsProcessor.STORE), Serdes.String(),
                AggregateSerdes.forRegistry("mock://rows-processor-memory").observation()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        MunicipalityRowsProcessor p = processor.get();
        p.init(context);
        for (Observation o : updates()) {
            if (reinit) {
                p.init(context); // what Kafka Streams does after a restore or an aborted transaction
            }
            p.process(new Record<>(o.getMunicipalityCode(), o, 0L));
        }
        List<KeyValue<IndicatorKey, IndicatorValue>> rows = new ArrayList<>();
        context.forwarded().forEach(f -> rows.add(KeyValue.pair(f.record().key(), f.record().value())));
        return rows;
    }
}
