package nl.sobamo.aggregate.position;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.reference.AreaDirectory;
import nl.sobamo.aggregate.reference.ReferenceEpoch;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The positions step, partitioned by indicator + period (see docs/decisions/0009-positions-step.md and
 * 0011-positions-topic.md). A changed indicator row is stored and its indicator-period marked dirty; a wall-clock
 * punctuation recomputes each dirty indicator-period once (benchmark rows of every group, positions of every member)
 * and emits only the positions and benchmark rows whose content changed. The indicator rows themselves are published
 * upstream, once per value change and without waiting for this step: the burst, settle and catch-up waits of its
 * {@link RecomputeSchedule} delay only positions and benchmarks. Members and last published positions are held in a
 * {@link PositionCache}. One update therefore costs O(n log n) for its own indicator-period (n <= ~342),
 * never the whole country, and a burst of updates to the same indicator-period is recomputed once.
 *
 * <p>Outputs, keyed by indicator + period, a {@link PositionOutput.PositionUpdate} per changed position (its position
 * null when a row stopped having one) and a
 * {@link PositionOutput.BenchmarkUpdate} per changed benchmark row (its row null when a group lost its last member).
 */
public final class PositionProcessor implements Processor<String, IndicatorValue, String, PositionOutput> {

    private final AggregateConfig config;
    private final ReferenceEpoch epoch;
    private final String areaStoreName;
    private final PositionBacklog backlog;
    private final PositionCache cache;
    private ProcessorContext<String, PositionOutput> context;
    private KeyValueStore<String, IndicatorValue> inputs;
    private KeyValueStore<String, IndicatorPosition> positions;
    private KeyValueStore<String, BenchmarkRow> benchmarks;
    private KeyValueStore<String, AreaReference> areas;
    private AreaDirectory directory;
    private long seenEpoch = -1;
    private RecomputeSchedule schedule;

    /**
     * @param budget  shared by the positions steps of all tasks of one app instance
     * @param backlog where each run reports what it left, shared likewise
     */
    public PositionProcessor(AggregateConfig config, ReferenceEpoch epoch, String areaStoreName, MemoryBudget budget,
                             PositionBacklog backlog) {
        this.config = config;
        this.epoch = epoch;
        this.areaStoreName = areaStoreName;
        this.backlog = Objects.requireNonNull(backlog, "backlog");
        this.cache = new PositionCache(Objects.requireNonNull(budget, "budget"));
    }

    @Override
    public void init(ProcessorContext<String, PositionOutput> context) {
        this.context = context;
        inputs = context.getStateStore(PositionStores.INPUTS);
        positions = context.getStateStore(PositionStores.POSITIONS);
        benchmarks = context.getStateStore(PositionStores.BENCHMARKS);
        areas = context.getStateStore(areaStoreName);
        directory = AreaDirectory.empty(config.nationalGroupSize());
        cache.clear(); // a (re)initialised task rebuilds its memory from the stores
        Object commit = context.appConfigs().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        schedule = new RecomputeSchedule(context.getStateStore(PositionStores.DIRTY), context.taskId().toString(), config,
                commit == null ? 0 : Long.parseLong(commit.toString()));
        context.schedule(config.positionInterval(), PunctuationType.WALL_CLOCK_TIME, this::recomputeDirty);
    }

    @Override
    public void process(Record<String, IndicatorValue> record) {
        IndicatorValue row = record.value();
        if (row == null) {
            return;
        }
        long now = context.currentSystemTimeMs();
        schedule.arrived(now, record.timestamp());
        String key = StoreKeys.member(row);
        String indicatorPeriod = StoreKeys.indicatorPeriod(row.getIndicatorId(), row.getPeriod());
        // the profile step upstream passes on changed rows only: store each (for the query API and restores)
        inputs.put(key, row);
        if (cache.update(indicatorPeriod, key, rankingView(row))) {
            schedule.changed(indicatorPeriod, now);
        }
    }

    /**
     * The fields of a row that positions and benchmark rows are computed from (see {@link GroupStatistics}); a small
     * copy, so holding every member of the task's indicator-periods in memory stays cheap.
     */
    static IndicatorValue rankingView(IndicatorValue row) {
        IndicatorValue v = new IndicatorValue();
        v.setIndicatorId(row.getIndicatorId());
        v.setMunicipalityCode(row.getMunicipalityCode());
        v.setSphere(row.getSphere());
        v.setIngredient(row.getIngredient());
        v.setPeriod(row.getPeriod());
        v.setValue(row.getValue());
        v.setUnit(row.getUnit());
        v.setHarmonised(row.getHarmonised());
        v.setProvenance(List.of());
        v.setDataAsOf(row.getDataAsOf());
        return v;
    }

    /**
     * Recomputes the indicator-periods the {@link RecomputeSchedule} says are due, round robin, until the run's budget
     * is spent (the rest waits for the next run), and reports what is left to the operators' gauges.
     */
    void recomputeDirty(long timestamp) {
        refreshDirectory();
        RecomputeSchedule.Run run = schedule.plan(context.currentSystemTimeMs());
        long deadline = System.nanoTime() + run.budgetMs() * 1_000_000L;
        int done = 0;
        for (String indicatorPeriod : run.due()) {
            recompute(indicatorPeriod, timestamp);
            schedule.recomputed(indicatorPeriod);
            done++;
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        backlog.report(context.taskId().toString(), run.dirty() - done, run.catchingUp());
    }

    /** A changed area reference can move municipalities between groups: recompute everything this task holds. */
    private void refreshDirectory() {
        long current = epoch.current();
        if (current == seenEpoch) {
            return;
        }
        seenEpoch = current;
        Map<String, AreaReference> refs = new HashMap<>();
        try (KeyValueIterator<String, AreaReference> it = areas.all()) {
            it.forEachRemaining(kv -> refs.put(kv.key, kv.value));
        }
        AreaDirectory next = new AreaDirectory(refs, config.nationalGroupSize());
        boolean changed = !next.sameAs(directory);
        directory = next;
        if (changed) {
            TreeSet<String> all = new TreeSet<>();
            try (KeyValueIterator<String, IndicatorValue> it = inputs.all()) {
                it.forEachRemaining(kv -> all.add(StoreKeys.indicatorPeriod(kv.value.getIndicatorId(), kv.value.getPeriod())));
            }
            schedule.dueNow(all);
        }
    }

    private void recompute(String indicatorPeriod, long timestamp) {
        String prefix = StoreKeys.prefix(indicatorPeriod);
        PositionCache.Period cached = cache.period(indicatorPeriod,
                into -> load(inputs, prefix, into, PositionProcessor::rankingView),
                into -> load(positions, prefix, into, Function.identity()));
        if (cached.members().isEmpty()) {
            return;
        }
        IndicatorValue first = cached.members().iterator().next();
        GroupStatistics.Result result = GroupStatistics.compute(first.getIndicatorId(), first.getPeriod(),
                new ArrayList<>(cached.members()), directory, config);

        for (Map.Entry<String, IndicatorPosition> e : result.positions().entrySet()) {
            IndicatorPosition p = e.getValue();
            if (!p.equals(cached.lastPublished(e.getKey()))) {
                positions.put(e.getKey(), p);
                cached.published(e.getKey(), p);
                forward(indicatorPeriod, new PositionOutput.PositionUpdate(keyOf(p), p), timestamp);
            }
        }
        // rows that no longer have a position (value suppressed or gone): a tombstone on the positions topic
        List<String> lost = cached.publishedMembers().stream().filter(k -> !result.positions().containsKey(k)).sorted()
                .toList();
        for (String key : lost) {
            IndicatorPosition old = cached.unpublished(key);
            positions.delete(key);
            forward(indicatorPeriod, new PositionOutput.PositionUpdate(keyOf(old), null), timestamp);
        }

        Map<String, BenchmarkKey> previous = new HashMap<>();
        Map<String, BenchmarkRow> oldRows = new HashMap<>();
        try (KeyValueIterator<String, BenchmarkRow> it = benchmarks.prefixScan(prefix, PositionStores.KEY_SERIALIZER)) {
            it.forEachRemaining(kv -> oldRows.put(kv.key, kv.value));
        }
        oldRows.forEach((k, v) -> previous.put(k, new BenchmarkKey(v.getIndicatorId(), v.getPeriod(), v.getGroupType(),
                v.getGroupValue())));
        for (Map.Entry<BenchmarkKey, BenchmarkRow> e : result.benchmarks().entrySet()) {
            String key = StoreKeys.benchmark(e.getKey());
            previous.remove(key);
            if (!Objects.equals(e.getValue(), oldRows.get(key))) {
                benchmarks.put(key, e.getValue());
                forward(indicatorPeriod, new PositionOutput.BenchmarkUpdate(e.getKey(), e.getValue()), timestamp);
            }
        }
        // groups that lost their last member (a municipality moved out, or its value became suppressed)
        for (Map.Entry<String, BenchmarkKey> gone : previous.entrySet()) {
            benchmarks.delete(gone.getKey());
            forward(indicatorPeriod, new PositionOutput.BenchmarkUpdate(gone.getValue(), null), timestamp);
        }
    }

    /** Reads the entries of {@code store} under {@code prefix} into {@code into}, each value as {@code view} gives it. */
    private static <V, C> void load(KeyValueStore<String, V> store, String prefix, Map<String, C> into, Function<V, C> view) {
        try (KeyValueIterator<String, V> it = store.prefixScan(prefix, PositionStores.KEY_SERIALIZER)) {
            it.forEachRemaining(kv -> into.put(kv.key, view.apply(kv.value)));
        }
    }

    @Override
    public void close() {
        if (context != null) {
            backlog.forget(context.taskId().toString());
        }
        cache.clear();
    }

    private static IndicatorKey keyOf(IndicatorPosition p) {
        return new IndicatorKey(p.getMunicipalityCode(), p.getSphere(), p.getIndicatorId(), p.getPeriod());
    }

    private void forward(String indicatorPeriod, PositionOutput output, long timestamp) {
        context.forward(new Record<>(indicatorPeriod, output, timestamp));
    }
}
