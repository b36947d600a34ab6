package nl.sobamo.aggregate.position;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The positions step, partitioned by indicator + period (see docs/decisions/0009-positions-step.md and
 * 0011-positions-topic.md). A changed indicator row is stored and its indicator-period marked dirty; a wall-clock
 * punctuation recomputes each dirty indicator-period once (benchmark rows of every group, positions of every member)
 * and emits only the positions and benchmark rows whose content changed. The indicator rows themselves are published
 * upstream, once per value change and without waiting for this step: the burst/settle batching below delays only
 * positions and benchmarks. One update therefore costs O(n log n) for its own indicator-period (n <= ~342),
 * never the whole country, and a burst of updates to the same indicator-period is recomputed once.
 *
 * <p>Outputs, keyed by indicator + period, a {@link PositionOutput.PositionUpdate} per changed position (its position
 * null when a row stopped having one) and a
 * {@link PositionOutput.BenchmarkUpdate} per changed benchmark row (its row null when a group lost its last member).
 */
public final class PositionProcessor implements Processor<String, IndicatorValue, String, PositionOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(PositionProcessor.class);
    private static final String DIRTY = "";
    /** An indicator-period that keeps receiving rows is recomputed at least this often (whatever the interval). */
    static final long MAX_DELAY_MS = 30_000;
    /**
     * A run once input has paused does what is left, but in slices of at most this: a run is one punctuation inside one
     * transaction, and a national load's backlog (thousands of indicator-periods) done at once would outlast the
     * exactly-once producer's transaction timeout (10 s in Kafka Streams).
     */
    static final long QUIET_RUN_BUDGET_MS = 1_000;

    private final AggregateConfig config;
    private final ReferenceEpoch epoch;
    private final String areaStoreName;
    private ProcessorContext<String, PositionOutput> context;
    private KeyValueStore<String, IndicatorValue> inputs;
    private KeyValueStore<String, IndicatorPosition> positions;
    private KeyValueStore<String, BenchmarkRow> benchmarks;
    private KeyValueStore<String, String> dirty;
    private KeyValueStore<String, AreaReference> areas;
    private AreaDirectory directory;
    private long seenEpoch = -1;
    private long lastInputAt = -1;
    /**
     * Wall-clock time of the last row more than the catch-up lag behind (a load or a replay); -1 once a row within the
     * lag arrived (caught up with the present) or none yet.
     */
    private long lastBehindAt = -1;
    private boolean catchingUp;
    /** Interval plus commit interval: upstream rows arrive in committed chunks, a chunk apart. */
    private long settleMs;
    private String cursor;
    /**
     * indicator-period -> member key -> the member as the ranking sees it ({@link #rankingView}), and -> the positions
     * as last published: in memory, so a recompute does not deserialise ~342 rows and positions from the stores
     * (profiling showed that, not the ranking, was most of the step's time). Loaded lazily per indicator-period from
     * the stores, which stay the source of truth: a new task (restart, rebalance, a revived task) starts empty.
     * Bounded by the app instance's {@link MemoryBudget}: over it, the least recently used indicator-periods are dropped (and
     * read back from the stores when next recomputed). Access order, so the eldest is the least recently used.
     */
    private final LinkedHashMap<String, TreeMap<String, IndicatorValue>> members = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Map<String, IndicatorPosition>> published = new HashMap<>();
    private final MemoryBudget budget;
    private final PositionBacklog backlog;
    /**
     * indicator-period -> {first, last, changes} of its dirty mark, kept while this processor lives: the timing the
     * store's marks would carry if every change were written there (see {@link #markDirty}).
     */
    private final Map<String, long[]> marks = new HashMap<>();
    /** Entries this processor holds in {@link #members} and {@link #published} (its share of the budget). */
    private long held;

    /**
     * @param budget  shared by the positions steps of all tasks of one app instance
     * @param backlog where each run reports what it left, shared likewise
     */
    public PositionProcessor(AggregateConfig config, ReferenceEpoch epoch, String areaStoreName, MemoryBudget budget,
                             PositionBacklog backlog) {
        this.config = config;
        this.epoch = epoch;
        this.areaStoreName = areaStoreName;
        this.budget = Objects.requireNonNull(budget, "budget");
        this.backlog = Objects.requireNonNull(backlog, "backlog");
    }

    @Override
    public void init(ProcessorContext<String, PositionOutput> context) {
        this.context = context;
        inputs = context.getStateStore(PositionStores.INPUTS);
        positions = context.getStateStore(PositionStores.POSITIONS);
        benchmarks = context.getStateStore(PositionStores.BENCHMARKS);
        dirty = context.getStateStore(PositionStores.DIRTY);
        areas = context.getStateStore(areaStoreName);
        directory = AreaDirectory.empty(config.nationalGroupSize());
        dropCaches();
        Object commit = context.appConfigs().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        settleMs = config.positionInterval().toMillis() + (commit == null ? 0 : Long.parseLong(commit.toString()));
        context.schedule(config.positionInterval(), PunctuationType.WALL_CLOCK_TIME, this::recomputeDirty);
    }

    @Override
    public void process(Record<String, IndicatorValue> record) {
        IndicatorValue row = record.value();
        if (row == null) {
            return;
        }
        long now = context.currentSystemTimeMs();
        lastInputAt = now;
        lastBehindAt = now - record.timestamp() > config.catchUp().lag().toMillis() ? now : -1;
        String key = StoreKeys.member(row);
        String indicatorPeriod = StoreKeys.indicatorPeriod(row.getIndicatorId(), row.getPeriod());
        // the profile step upstream passes on changed rows only: store each (for the query API and restores)
        inputs.put(key, row);
        IndicatorValue view = rankingView(row);
        TreeMap<String, IndicatorValue> cached = members.get(indicatorPeriod);
        if (cached != null) {
            IndicatorValue before = cached.put(key, view);
            if (before == null) {
                hold(1);
            } else if (view.equals(before)) {
                return; // a change the ranking cannot see (provenance, bounds, ...): positions and benchmarks stay
            }
        }
        markDirty(indicatorPeriod, context.currentSystemTimeMs());
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
     * Recomputes the dirty indicator-periods. While input is flowing (records arrived since the last run) one run
     * spends at most the configured budget, resuming after the last one it did next time (round robin), so a bulk
     * load keeps consuming instead of re-ranking the country after every batch; once input pauses, what is left is
     * done in runs of at most {@link #QUIET_RUN_BUDGET_MS}. While input flows, an indicator-period that received rows
     * within the last interval waits for them to settle (at most {@link #MAX_DELAY_MS}), so a load recomputes it about
     * once instead of once per interval. While the step is catching up (rows more than the {@link
     * nl.sobamo.aggregate.config.CatchUp#lag() catch-up lag} behind keep arriving: a national load, a replay), an
     * indicator-period waits until the step has caught up, at most the catch-up max delay after its first change:
     * in municipality order every indicator-period receives a row per municipality for the whole load, so it never
     * settles, and each intermediate ranking would be published only to be replaced.
     */
    void recomputeDirty(long timestamp) {
        refreshDirectory();
        List<String> todo = new ArrayList<>();
        List<long[]> timing = new ArrayList<>();
        try (KeyValueIterator<String, String> it = dirty.all()) {
            it.forEachRemaining(kv -> {
                todo.add(kv.key);
                long[] mark = marks.get(kv.key);
                timing.add(mark != null ? mark : parseMark(kv.value));
            });
        }
        int start = 0;
        while (start < todo.size() && cursor != null && todo.get(start).compareTo(cursor) <= 0) {
            start++;
        }
        long now = context.currentSystemTimeMs();
        // input is flowing when a row arrived within the settle time; only then do budget and settle waits apply
        boolean budgeted = lastInputAt >= 0 && now - lastInputAt < settleMs;
        // catching up while rows more than the catch-up lag behind keep arriving: positions computed now would be
        // replaced before the run ends, so they wait (at most the catch-up max delay). It ends with a row within the
        // lag, or after the lag without rows behind: not after the settle time, because a busy app delivers a load's
        // rows in chunks seconds apart, and each gap would republish every position
        boolean behind = lastBehindAt >= 0 && now - lastBehindAt < config.catchUp().lag().toMillis();
        logCatchUp(behind, todo.size());
        long deadline = System.nanoTime() + (budgeted ? config.positionBudget().toMillis() : QUIET_RUN_BUDGET_MS) * 1_000_000L;
        long settle = settleMs;
        long maxDelay = MAX_DELAY_MS;
        long catchUpDelay = config.catchUp().maxDelay().toMillis();
        int done = 0;
        for (int i = 0; i < todo.size(); i++) {
            int at = (start + i) % todo.size();
            String indicatorPeriod = todo.get(at);
            long[] since = timing.get(at);
            if (behind && since[2] > 0 && now - since[0] < catchUpDelay) {
                continue;
            }
            // still receiving rows (a burst: more than one change, the last within the settle time): wait until it
            // settles, never longer than maxDelay; a single change is published at once. Counted, not inferred from
            // first != last: the stream thread's cached clock gives every row of one poll the same millisecond,
            // which made most load chunks look like single changes and republish every row several times.
            if (budgeted && since[2] > 1 && now - since[1] < settle && now - since[0] < maxDelay) {
                continue;
            }
            recompute(indicatorPeriod, timestamp);
            dirty.delete(indicatorPeriod);
            marks.remove(indicatorPeriod);
            done++;
            cursor = indicatorPeriod;
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        backlog.report(context.taskId().toString(), todo.size() - done, behind);
    }

    /**
     * Dirty marker value: "firstChangeMs:lastChangeMs:changes" (wall clock and a count; steer timing only, never
     * the results). Only an indicator-period's first change since its last recompute is written to the store (so a
     * restart still recomputes it); the later ones update {@link #marks} only: in municipality order each row of a
     * load is another indicator-period's next change, and writing each made the dirty store's changelog one record
     * per row.
     */
    private void markDirty(String indicatorPeriod, long now) {
        long[] mark = marks.get(indicatorPeriod);
        if (mark != null) {
            mark[1] = now;
            mark[2]++;
            return;
        }
        long[] stored = dirtySince(indicatorPeriod);
        if (stored[2] == 0) {
            dirty.put(indicatorPeriod, now + ":" + now + ":1");
            marks.put(indicatorPeriod, new long[] {now, now, 1});
        } else {
            marks.put(indicatorPeriod, new long[] {stored[0], now, stored[2] + 1}); // marked before a restart
        }
    }

    /** {first, last, changes}; {0, 0, 0} when not dirty or dirty without timing (a reference change). */
    private long[] dirtySince(String indicatorPeriod) {
        return parseMark(dirty.get(indicatorPeriod));
    }

    private static long[] parseMark(String v) {
        if (v == null || v.isEmpty()) {
            return new long[] {0, 0, 0};
        }
        String[] parts = v.split(":");
        long first = Long.parseLong(parts[0]);
        long last = Long.parseLong(parts[1]);
        // markers written before the count existed: "first:last"
        long changes = parts.length > 2 ? Long.parseLong(parts[2]) : first == last ? 1 : 2;
        return new long[] {first, last, changes};
    }

    /** Operators see when positions start waiting for a load or replay, and when that wait ends. */
    private void logCatchUp(boolean behind, int dirtyCount) {
        if (behind == catchingUp) {
            return;
        }
        catchingUp = behind;
        if (behind) {
            LOG.info("Positions step (task {}) is catching up: rows arrive more than {} behind, so positions and benchmark"
                    + " rows wait until it has caught up (at most {} per indicator-period)", context.taskId(),
                    config.catchUp().lag(), config.catchUp().maxDelay());
        } else {
            LOG.info("Positions step (task {}) has caught up: recomputing {} indicator-periods", context.taskId(), dirtyCount);
        }
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
            all.forEach(ip -> {
                dirty.put(ip, DIRTY);
                marks.remove(ip); // recomputed at the next run, whatever its timing said
            });
        }
    }

    private void recompute(String indicatorPeriod, long timestamp) {
        String prefix = StoreKeys.prefix(indicatorPeriod);
        // get + put, not computeIfAbsent: taking entries may evict other indicator-periods from the same map
        TreeMap<String, IndicatorValue> current = members.get(indicatorPeriod);
        if (current == null) {
            current = new TreeMap<>();
            load(inputs, prefix, current, PositionProcessor::rankingView);
            members.put(indicatorPeriod, current);
            hold(current.size());
        }
        if (current.isEmpty()) {
            return;
        }
        IndicatorValue first = current.firstEntry().getValue();
        GroupStatistics.Result result = GroupStatistics.compute(first.getIndicatorId(), first.getPeriod(),
                new ArrayList<>(current.values()), directory, config);

        Map<String, IndicatorPosition> last = published.get(indicatorPeriod);
        if (last == null) {
            last = new HashMap<>();
            load(positions, prefix, last, Function.identity());
            published.put(indicatorPeriod, last);
            hold(last.size());
        }
        for (Map.Entry<String, IndicatorPosition> e : result.positions().entrySet()) {
            IndicatorPosition p = e.getValue();
            if (!p.equals(last.get(e.getKey()))) {
                positions.put(e.getKey(), p);
                if (last.put(e.getKey(), p) == null) {
                    hold(1);
                }
                forward(indicatorPeriod, new PositionOutput.PositionUpdate(keyOf(p), p), timestamp);
            }
        }
        // rows that no longer have a position (value suppressed or gone): a tombstone on the positions topic
        List<String> lost = last.keySet().stream().filter(k -> !result.positions().containsKey(k)).sorted().toList();
        for (String key : lost) {
            IndicatorPosition old = last.remove(key);
            hold(-1);
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

    /**
     * Counts entries taken (or given back, when negative) and, over the budget, drops the least recently used
     * indicator-periods but the most recent one (the one being recomputed). A dropped one is read back from the
     * stores when it is next recomputed, so eviction changes speed, never results.
     */
    private void hold(long entries) {
        held += entries;
        budget.add(entries);
        Iterator<Map.Entry<String, TreeMap<String, IndicatorValue>>> eldest = members.entrySet().iterator();
        while (budget.exceeded() && members.size() > 1 && eldest.hasNext()) {
            Map.Entry<String, TreeMap<String, IndicatorValue>> e = eldest.next();
            Map<String, IndicatorPosition> positionsOf = published.remove(e.getKey());
            long freed = e.getValue().size() + (positionsOf == null ? 0 : positionsOf.size());
            eldest.remove();
            held -= freed;
            budget.release(freed);
        }
    }

    private void dropCaches() {
        marks.clear();
        members.clear();
        published.clear();
        budget.release(held);
        held = 0;
    }

    @Override
    public void close() {
        if (context != null) {
            backlog.forget(context.taskId().toString());
        }
        dropCaches();
    }

    private static IndicatorKey keyOf(IndicatorPosition p) {
        return new IndicatorKey(p.getMunicipalityCode(), p.getSphere(), p.getIndicatorId(), p.getPeriod());
    }

    private void forward(String indicatorPeriod, PositionOutput output, long timestamp) {
        context.forward(new Record<>(indicatorPeriod, output, timestamp));
    }
}
