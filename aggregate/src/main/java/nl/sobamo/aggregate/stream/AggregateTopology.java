package nl.sobamo.aggregate.stream;

import java.util.Map;
import nl.sobamo.aggregate.change.ChangeCalculator;
import nl.sobamo.aggregate.change.ProfileOutput;
import nl.sobamo.aggregate.change.ProfileProcessor;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.district.DistrictRows;
import nl.sobamo.aggregate.district.DistrictWeightingProcessor;
import nl.sobamo.aggregate.district.ObservationHome;
import nl.sobamo.aggregate.freshness.CoverageAggregator;
import nl.sobamo.aggregate.freshness.CoverageFilter;
import nl.sobamo.aggregate.indicator.IndicatorCalculator;
import nl.sobamo.aggregate.indicator.RecordSources;
import nl.sobamo.aggregate.indicator.SourcePriority;
import nl.sobamo.aggregate.position.MemoryBudget;
import nl.sobamo.aggregate.position.PositionBacklog;
import nl.sobamo.aggregate.position.PositionOutput;
import nl.sobamo.aggregate.position.PositionProcessor;
import nl.sobamo.aggregate.position.PositionStores;
import nl.sobamo.aggregate.position.StoreKeys;
import nl.sobamo.aggregate.reference.LatestValueUpdater;
import nl.sobamo.aggregate.reference.ReferenceEpoch;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.state.SourceCoverageState;
import nl.sobamo.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * observations
 * <ol>
 *   <li>-> repartitioned by municipality: the rows an observation feeds (observed, per inhabitant, share; small-cell
 *       suppression), see {@link MunicipalityRowsProcessor};</li>
 *   <li>-> in the same task (observations are partitioned by municipality) -> profile store, changed rows only ->
 *       {@code sobamo.tables.indicators.v1} (at once, without positions), and year-over-year changes
 *       ({@code sobamo.tables.changes.v1});</li>
 *   <li>-> changed rows repartitioned by indicator + period -> positions step: benchmark rows per group (national, size class,
 *       urbanity, province, size x urbanity from the global area reference) and positions of every row;
 *       {@code sobamo.tables.positions.v1}, {@code sobamo.tables.benchmarks.v1};</li>
 *   <li>observations by source dataset -> freshness and coverage ({@code sobamo.tables.freshness.v1}).</li>
 *   <li>district (WK/BU) observations -> {@code sobamo.tables.districts.v1}; indicators delivered per district only
 *       (Leefbaarometer) -> inhabitant-weighted municipality rows, merged into step 1's rows.</li>
 * </ol>
 * See docs/decisions/0009-positions-step.md for why positions live in their own step, 0011-positions-topic.md for
 * why they have their own topic.
 */
public final class AggregateTopology {

    /** municipality|period|indicator|observationId -> latest observation. */
    public static final String OBSERVATIONS_STORE = MunicipalityRowsProcessor.STORE;
    public static final String AREA_REFERENCE_STORE = "area-reference";
    /** indicator id -> catalog entry (names, definition, normalisation) from sobamo.reference.indicators.v1. */
    public static final String INDICATOR_REFERENCE_STORE = "indicator-reference";
    public static final String FRESHNESS_STORE = "source-freshness";
    public static final String PROFILE_STORE = ProfileProcessor.PROFILE_STORE;
    public static final String CHANGES_STORE = ProfileProcessor.CHANGES_STORE;

    private AggregateTopology() {
    }

    public static Topology buildTopology(AggregateSerdes serdes, AggregateConfig config) {
        return buildTopology(serdes, config, new PositionBacklog());
    }

    /** @param positionBacklog where the positions steps report what they have still to publish (the app's gauges) */
    public static Topology buildTopology(AggregateSerdes serdes, AggregateConfig config, PositionBacklog positionBacklog) {
        StreamsBuilder builder = new StreamsBuilder();
        IndicatorCalculator indicators = new IndicatorCalculator(config.derived(), new SourcePriority(config.sourcePriority()),
                new RecordSources(config.recordSources()), config.smallCellThreshold(), config.smallCellSources());
        ReferenceEpoch epoch = new ReferenceEpoch();
        MemoryBudget positionMemory = new MemoryBudget(config.positionCacheEntries());

        // area reference: a global store (a GlobalKTable with a processor that also signals changes)
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AREA_REFERENCE_STORE), Serdes.String(),
                        serdes.areaReference()).withLoggingDisabled(),
                Topics.REFERENCE_AREAS,
                Consumed.with(Serdes.String(), serdes.areaReference()).withName("area-reference-source"),
                () -> new LatestValueUpdater<>(AREA_REFERENCE_STORE, epoch::bump));
        // the indicator catalog (names and definitions for the profile page and exports): a global store as well
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INDICATOR_REFERENCE_STORE), Serdes.String(),
                        serdes.indicatorReference()).withLoggingDisabled(),
                Topics.REFERENCE_INDICATORS,
                Consumed.with(Serdes.String(), serdes.indicatorReference()).withName("indicator-reference-source"),
                () -> new LatestValueUpdater<>(INDICATOR_REFERENCE_STORE));

        KStream<MunicipalitySphereKey, Observation> observations = builder
                .stream(Topics.OBSERVATIONS, Consumed.with(serdes.observationKey(), serdes.observation())
                        .withName("observations-source"))
                .filter((k, o) -> o != null, Named.as("drop-tombstones"));

        // 1. municipality rows, recomputed per observation for the indicators it feeds
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OBSERVATIONS_STORE),
                Serdes.String(), serdes.observation()).withCachingEnabled());
        KStream<IndicatorKey, IndicatorValue> rows = observations
                .filter((k, o) -> ObservationHome.of(o, config.recordSources()).feedsMunicipalityRows(),
                        Named.as("municipality-level-or-record-sources"))
                .selectKey((k, o) -> o.getMunicipalityCode(), Named.as("key-by-municipality"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.observation())
                        .withName("observations-by-municipality"))
                .process(() -> new MunicipalityRowsProcessor(indicators), Named.as("compute-indicator-rows"), OBSERVATIONS_STORE);
        // 1b. district level: every WK/BU observation -> sobamo.tables.districts.v1; indicators a source delivers per
        // district only (catalog fromDistricts: Leefbaarometer) -> inhabitant-weighted municipality rows
        KStream<MunicipalitySphereKey, Observation> districtLevel = observations.filter(
                (k, o) -> ObservationHome.of(o, config.recordSources()) == ObservationHome.DISTRICT_TABLE,
                Named.as("district-level"));
        districtLevel
                .map((k, o) -> DistrictRows.row(o), Named.as("as-district-rows"))
                .to(Topics.TABLE_DISTRICTS, Produced.with(serdes.districtKey(), serdes.districtValue()).withName("districts-sink"));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DistrictWeightingProcessor.STORE),
                Serdes.String(), serdes.observation()).withCachingEnabled());
        KStream<IndicatorKey, IndicatorValue> districtWeighted = districtLevel
                .filter((k, o) -> DistrictWeightingProcessor.isInput(o, config.districtWeighted()),
                        Named.as("district-weighting-inputs"))
                .selectKey((k, o) -> o.getMunicipalityCode(), Named.as("key-district-inputs-by-municipality"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.observation())
                        .withName("district-inputs-by-municipality"))
                .process(() -> new DistrictWeightingProcessor(config.districtWeighted(),
                                new SourcePriority(config.sourcePriority()).comparator()),
                        Named.as("weight-districts-to-municipality"), DistrictWeightingProcessor.STORE);
        rows = rows.merge(districtWeighted, Named.as("with-district-weighted-rows"));

        // 2. profiles, the indicator table and year-over-year changes, one task per municipality. The rows are already
        // partitioned by municipality (observations and district inputs are repartitioned by the municipality code), so
        // this runs in the rows' own task: no third repartition per row. The profile step passes on each row that
        // changed, at once and without positions (those have their own topic, so a re-ranking never republishes a row
        // and a row never waits for its indicator-period's positions); the API adds positions from the positions store.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROFILE_STORE), Serdes.String(),
                serdes.indicatorValue()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CHANGES_STORE), Serdes.String(),
                serdes.indicatorChange()).withCachingEnabled());
        Map<String, KStream<IndicatorKey, ProfileOutput>> profileOutputs = rows
                .selectKey((k, v) -> v.getMunicipalityCode(), Named.as("key-rows-by-municipality"))
                .process(() -> new ProfileProcessor(new ChangeCalculator(config.breaks())), Named.as("profile-and-changes"),
                        PROFILE_STORE, CHANGES_STORE)
                .split(Named.as("profile-output-"))
                .branch((k, out) -> out instanceof ProfileOutput.ChangedRow, Branched.as("rows"))
                .branch((k, out) -> out instanceof ProfileOutput.Change, Branched.as("changes"))
                .noDefaultBranch();
        profileOutputs.get("profile-output-changes")
                .map((k, out) -> ((ProfileOutput.Change) out).toKeyValue(), Named.as("as-changes"))
                .to(AggregateTopics.TABLE_CHANGES, Produced.with(serdes.indicatorKey(), serdes.indicatorChange())
                        .withName("changes-sink"));
        KStream<IndicatorKey, IndicatorValue> changedRows = profileOutputs.get("profile-output-rows")
                .map((k, out) -> ((ProfileOutput.ChangedRow) out).toKeyValue(), Named.as("as-indicator-rows"));
        changedRows.to(Topics.TABLE_INDICATORS, Produced.with(serdes.indicatorKey(), serdes.indicatorValue())
                .withName("indicators-sink"));

        KStream<String, IndicatorValue> rowsByIndicatorPeriod = changedRows
                .selectKey((k, v) -> StoreKeys.indicatorPeriod(v.getIndicatorId(), v.getPeriod()),
                        Named.as("key-by-indicator-period"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.indicatorValue())
                        .withName("rows-by-indicator-period"));

        // 3. positions and benchmarks, one task per indicator-period
        builder.addStateStore(PositionStores.inputs(serdes));
        builder.addStateStore(PositionStores.positions(serdes));
        builder.addStateStore(PositionStores.benchmarks(serdes));
        builder.addStateStore(PositionStores.dirty());
        rowsByIndicatorPeriod
                .process(() -> new PositionProcessor(config, epoch, AREA_REFERENCE_STORE, positionMemory, positionBacklog), Named.as("position-and-benchmark"),
                        PositionStores.INPUTS, PositionStores.POSITIONS, PositionStores.BENCHMARKS, PositionStores.DIRTY)
                .split(Named.as("position-output-"))
                .branch((k, out) -> out instanceof PositionOutput.PositionUpdate, Branched.withConsumer(positions -> positions
                        .map((k, out) -> ((PositionOutput.PositionUpdate) out).toKeyValue(), Named.as("as-positions"))
                        .to(Topics.TABLE_POSITIONS, Produced.with(serdes.indicatorKey(), serdes.indicatorPosition())
                                .withName("positions-sink")), "positions"))
                .branch((k, out) -> out instanceof PositionOutput.BenchmarkUpdate, Branched.withConsumer(benchmarks -> benchmarks
                        .map((k, out) -> ((PositionOutput.BenchmarkUpdate) out).toKeyValue(), Named.as("as-benchmark-rows"))
                        .to(Topics.TABLE_BENCHMARKS, Produced.with(serdes.benchmarkKey(), serdes.benchmarkRow())
                                .withName("benchmarks-sink")), "benchmarks"))
                .noDefaultBranch();

        // 4. freshness and coverage per source dataset
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CoverageFilter.STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        observations
                .process(CoverageFilter::new, Named.as("coverage-news-only"), CoverageFilter.STORE)
                .selectKey((k, o) -> CoverageAggregator.key(o), Named.as("key-by-source-dataset"))
                .groupByKey(Grouped.with("observations-by-source-dataset", Serdes.String(), serdes.observation()))
                .aggregate(CoverageAggregator::empty, (key, o, state) -> CoverageAggregator.add(o, state),
                        Named.as("collect-source-coverage"),
                        Materialized.<String, SourceCoverageState, KeyValueStore<Bytes, byte[]>>as(FRESHNESS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(serdes.coverageState()))
                .toStream(Named.as("source-coverage-changes"))
                .mapValues(CoverageAggregator::toFreshness, Named.as("to-freshness"))
                .to(AggregateTopics.TABLE_FRESHNESS, Produced.with(Serdes.String(), serdes.freshness())
                        .withName("freshness-sink"));
        return builder.build();
    }
}
