package nl.sobamo.aggregate.stream;

import nl.sobamo.aggregate.benchmark.BenchmarkCalculator;
import nl.sobamo.aggregate.benchmark.BenchmarkGroups;
import nl.sobamo.aggregate.indicator.IndicatorCalculator;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.state.BenchmarkState;
import nl.sobamo.schemas.state.MunicipalityFacts;
import nl.sobamo.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * observations -> per municipality and period facts -> indicator rows -> national benchmark rows.
 *
 * <p>Benchmarks aggregate over the indicator KTable with an adder and a subtractor, so a late or corrected
 * value replaces the municipality's old one and only the affected group row is recomputed.
 */
public final class AggregateTopology {

    public static final String FACTS_STORE = "municipality-period-facts";
    public static final String INDICATOR_STORE = "indicator-table";
    public static final String BENCHMARK_STATE_STORE = "benchmark-state";

    private AggregateTopology() {
    }

    public static Topology buildTopology(AggregateSerdes serdes, IndicatorCalculator indicators, BenchmarkGroups groups) {
        StreamsBuilder builder = new StreamsBuilder();
        BenchmarkCalculator benchmarks = new BenchmarkCalculator(groups);

        KTable<String, MunicipalityFacts> facts = builder
                .stream(Topics.OBSERVATIONS, Consumed.with(serdes.observationKey(), serdes.observation())
                        .withName("observations-source"))
                .filter((k, o) -> o != null && o.getAreaCode().equals(o.getMunicipalityCode()),
                        Named.as("municipality-level-only"))
                .selectKey((k, o) -> o.getMunicipalityCode() + "|" + o.getPeriod(), Named.as("key-by-municipality-period"))
                .groupByKey(Grouped.with("observations-by-municipality-period", Serdes.String(), serdes.observation()))
                .aggregate(FactsAggregator::empty, (key, observation, current) -> FactsAggregator.add(observation, current),
                        Named.as("collect-municipality-facts"),
                        Materialized.<String, MunicipalityFacts, KeyValueStore<Bytes, byte[]>>as(FACTS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(serdes.facts()));

        KStream<IndicatorKey, IndicatorValue> indicatorRows = facts
                .toStream(Named.as("facts-changes"))
                .flatMap((key, f) -> indicators.compute(f), Named.as("compute-indicator-rows"));
        indicatorRows.to(Topics.TABLE_INDICATORS, Produced.with(serdes.indicatorKey(), serdes.indicatorValue())
                .withName("indicators-sink"));

        indicatorRows
                .toTable(Named.as("indicator-rows-to-table"),
                        Materialized.<IndicatorKey, IndicatorValue, KeyValueStore<Bytes, byte[]>>as(INDICATOR_STORE)
                                .withKeySerde(serdes.indicatorKey()).withValueSerde(serdes.indicatorValue()))
                .filter((k, v) -> v.getValue() != null, Named.as("rows-with-value"))
                .groupBy((k, v) -> KeyValue.pair(groups.nationalKey(v.getIndicatorId(), v.getPeriod()), v),
                        Grouped.with("indicators-by-benchmark-group", serdes.benchmarkKey(), serdes.indicatorValue()))
                .aggregate(BenchmarkCalculator::empty,
                        (key, value, state) -> BenchmarkCalculator.add(value, state),
                        (key, value, state) -> BenchmarkCalculator.remove(value, state),
                        Named.as("collect-benchmark-group"),
                        Materialized.<BenchmarkKey, BenchmarkState, KeyValueStore<Bytes, byte[]>>as(BENCHMARK_STATE_STORE)
                                .withKeySerde(serdes.benchmarkKey()).withValueSerde(serdes.benchmarkState()))
                .toStream(Named.as("benchmark-state-changes"))
                .mapValues(benchmarks::row, Named.as("compute-benchmark-row"))
                .to(Topics.TABLE_BENCHMARKS, Produced.with(serdes.benchmarkKey(), serdes.benchmarkRow())
                        .withName("benchmarks-sink"));
        return builder.build();
    }
}
