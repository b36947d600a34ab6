package nl.sobamo.aggregate.position;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sobamo.aggregate.config.AggregateConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the positions step recomputes each dirty indicator-period: which are dirty (the dirty store, so a restart still
 * recomputes them), how long a burst waits to settle, when the step is catching up (decision 0012), and how much one
 * run may do. Timing only: what a recompute publishes never depends on it, only how often intermediate rankings are
 * published. One per positions task; all times are the stream thread's wall clock, passed in, so tests drive them.
 */
final class RecomputeSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(RecomputeSchedule.class);
    /** The mark of an indicator-period dirty without timing (a reference change): due at the next run. */
    private static final String DIRTY = "";
    /** An indicator-period that keeps receiving rows is recomputed at least this often (whatever the interval). */
    static final long MAX_DELAY_MS = 30_000;
    /**
     * A run once input has paused does what is left, but in slices of at most this: a run is one punctuation inside one
     * transaction, and a national load's backlog (thousands of indicator-periods) done at once would outlast the
     * exactly-once producer's transaction timeout (10 s in Kafka Streams).
     */
    static final long QUIET_RUN_BUDGET_MS = 1_000;

    /**
     * What one run is to recompute, in order, and how long it may take.
     *
     * @param due        the indicator-periods due now, in round-robin order from after the last one recomputed
     * @param dirty      indicator-periods dirty at the start of the run, due or not
     * @param catchingUp whether the step is catching up (so most indicator-periods wait)
     * @param budgetMs   how long the run may take before the rest waits for the next one
     */
    record Run(List<String> due, int dirty, boolean catchingUp, long budgetMs) {
    }

    private final KeyValueStore<String, String> store;
    private final String task;
    /** Interval plus commit interval: upstream rows arrive in committed chunks, a chunk apart. */
    private final long settleMs;
    private final long budgetMs;
    private final long catchUpLagMs;
    private final long catchUpMaxDelayMs;
    /**
     * indicator-period -> {first, last, changes} of its dirty mark, kept while this schedule lives: the timing the
     * store's marks would carry if every change were written there (see {@link #changed}).
     */
    private final Map<String, long[]> marks = new HashMap<>();
    private long lastInputAt = -1;
    /**
     * Wall-clock time of the last row more than the catch-up lag behind (a load or a replay); -1 once a row within the
     * lag arrived (caught up with the present) or none yet.
     */
    private long lastBehindAt = -1;
    private boolean catchingUp;
    private String cursor;

    /**
     * @param store           the dirty store: indicator-period -> its mark
     * @param task            the task, for the log
     * @param commitIntervalMs the Streams commit interval, which spaces the chunks rows arrive in
     */
    RecomputeSchedule(KeyValueStore<String, String> store, String task, AggregateConfig config, long commitIntervalMs) {
        this.store = store;
        this.task = task;
        this.settleMs = config.positionInterval().toMillis() + commitIntervalMs;
        this.budgetMs = config.positionBudget().toMillis();
        this.catchUpLagMs = config.catchUp().lag().toMillis();
        this.catchUpMaxDelayMs = config.catchUp().maxDelay().toMillis();
    }

    /** A row arrived at {@code now} with record time {@code recordTime}: input is flowing, maybe from far behind. */
    void arrived(long now, long recordTime) {
        lastInputAt = now;
        lastBehindAt = now - recordTime > catchUpLagMs ? now : -1;
    }

    /**
     * An indicator-period's ranking changed at {@code now}. Only its first change since its last recompute is written
     * to the store (so a restart still recomputes it); the later ones update {@link #marks} only: in municipality
     * order each row of a load is another indicator-period's next change, and writing each made the dirty store's
     * changelog one record per row. Store marks read "firstChangeMs:lastChangeMs:changes".
     */
    void changed(String indicatorPeriod, long now) {
        long[] mark = marks.get(indicatorPeriod);
        if (mark != null) {
            mark[1] = now;
            mark[2]++;
            return;
        }
        long[] stored = parse(store.get(indicatorPeriod));
        if (stored[2] == 0) {
            store.put(indicatorPeriod, now + ":" + now + ":1");
            marks.put(indicatorPeriod, new long[] {now, now, 1});
        } else {
            marks.put(indicatorPeriod, new long[] {stored[0], now, stored[2] + 1}); // marked before a restart
        }
    }

    /** These must be recomputed at the next run, whatever their timing said (a reference change regrouped them). */
    void dueNow(Collection<String> indicatorPeriods) {
        for (String indicatorPeriod : indicatorPeriods) {
            store.put(indicatorPeriod, DIRTY);
            marks.remove(indicatorPeriod);
        }
    }

    /**
     * Plans a run at {@code now}. While input is flowing (a row arrived within the settle time) the run gets the
     * configured budget and an indicator-period that received more than one row waits for them to settle (at most
     * {@link #MAX_DELAY_MS}), so a load recomputes it about once instead of once per interval; once input pauses,
     * what is left is done in runs of at most {@link #QUIET_RUN_BUDGET_MS}. While the step is catching up (rows more
     * than the catch-up lag behind keep arriving: a national load, a replay), an indicator-period waits until the
     * step has caught up, at most the catch-up max delay after its first change: in municipality order every
     * indicator-period receives a row per municipality for the whole load, so it never settles, and each intermediate
     * ranking would be published only to be replaced.
     */
    Run plan(long now) {
        List<String> dirty = new ArrayList<>();
        List<long[]> timing = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            it.forEachRemaining(kv -> {
                dirty.add(kv.key);
                long[] mark = marks.get(kv.key);
                timing.add(mark != null ? mark : parse(kv.value));
            });
        }
        int start = 0;
        while (start < dirty.size() && cursor != null && dirty.get(start).compareTo(cursor) <= 0) {
            start++;
        }
        boolean flowing = lastInputAt >= 0 && now - lastInputAt < settleMs;
        // catching up ends with a row within the lag, or after the lag without rows behind: not after the settle
        // time, because a busy app delivers a load's rows in chunks seconds apart, and each gap would republish
        // every position
        boolean behind = lastBehindAt >= 0 && now - lastBehindAt < catchUpLagMs;
        logCatchUp(behind, dirty.size());
        List<String> due = new ArrayList<>();
        for (int i = 0; i < dirty.size(); i++) {
            int at = (start + i) % dirty.size();
            long[] since = timing.get(at);
            if (behind && since[2] > 0 && now - since[0] < catchUpMaxDelayMs) {
                continue;
            }
            // a burst (more than one change, the last within the settle time) waits; a single change is published at
            // once. Counted, not inferred from first != last: the stream thread's cached clock gives every row of one
            // poll the same millisecond, which made most load chunks look like single changes and republish every
            // row several times.
            if (flowing && since[2] > 1 && now - since[1] < settleMs && now - since[0] < MAX_DELAY_MS) {
                continue;
            }
            due.add(dirty.get(at));
        }
        return new Run(due, dirty.size(), behind, flowing ? budgetMs : QUIET_RUN_BUDGET_MS);
    }

    /** The indicator-period was recomputed: clean, and the next run starts after it. */
    void recomputed(String indicatorPeriod) {
        store.delete(indicatorPeriod);
        marks.remove(indicatorPeriod);
        cursor = indicatorPeriod;
    }

    /** {first, last, changes}; {0, 0, 0} when not dirty or dirty without timing (a reference change). */
    private static long[] parse(String mark) {
        if (mark == null || mark.isEmpty()) {
            return new long[] {0, 0, 0};
        }
        String[] parts = mark.split(":");
        long first = Long.parseLong(parts[0]);
        long last = Long.parseLong(parts[1]);
        // marks written before the count existed: "first:last"
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
            LOG.info("Positions step (task {}) is catching up: rows arrive more than {} behind, so positions and"
                    + " benchmark rows wait until it has caught up (at most {} per indicator-period)", task,
                    Duration.ofMillis(catchUpLagMs), Duration.ofMillis(catchUpMaxDelayMs));
        } else {
            LOG.info("Positions step (task {}) has caught up: recomputing {} indicator-periods", task, dirtyCount);
        }
    }
}
