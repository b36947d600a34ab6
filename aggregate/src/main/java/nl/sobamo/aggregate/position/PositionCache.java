package nl.sobamo.aggregate.position;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;

/**
 * One positions task's in-memory copy, per indicator-period, of its members as the ranking sees them and of the
 * positions as last published, so a recompute does not deserialise ~342 rows and positions from the stores (profiling
 * showed that, not the ranking, was most of the step's time). The stores stay the source of truth: an indicator-period
 * is loaded from them when first recomputed, and a new task (restart, rebalance, a revived task) starts empty.
 *
 * <p>Bounded by the app instance's {@link MemoryBudget}: over it, the least recently used indicator-periods are
 * dropped and read back from the stores when next recomputed, so eviction changes speed, never results.
 */
final class PositionCache {

    /** One indicator-period's members (member key -> ranking view) and last published positions (member key -> it). */
    final class Period {
        private final TreeMap<String, IndicatorValue> members = new TreeMap<>();
        private final Map<String, IndicatorPosition> published = new HashMap<>();

        Collection<IndicatorValue> members() {
            return members.values();
        }

        IndicatorPosition lastPublished(String member) {
            return published.get(member);
        }

        Set<String> publishedMembers() {
            return published.keySet();
        }

        void published(String member, IndicatorPosition position) {
            if (published.put(member, position) == null) {
                hold(1);
            }
        }

        IndicatorPosition unpublished(String member) {
            IndicatorPosition old = published.remove(member);
            if (old != null) {
                hold(-1);
            }
            return old;
        }

        private int size() {
            return members.size() + published.size();
        }
    }

    /** Access order, so the eldest is the least recently used. */
    private final LinkedHashMap<String, Period> periods = new LinkedHashMap<>(16, 0.75f, true);
    private final MemoryBudget budget;
    /** Entries this cache holds: its share of the budget, given back on {@link #clear}. */
    private long held;

    PositionCache(MemoryBudget budget) {
        this.budget = budget;
    }

    /**
     * Records a member's ranking view where its indicator-period is cached.
     *
     * @return false when the cached member already had this view (a change the ranking cannot see: provenance,
     *     bounds, ...); true otherwise, also when the indicator-period is not cached (it will be loaded as stored)
     */
    boolean update(String indicatorPeriod, String member, IndicatorValue view) {
        Period period = periods.get(indicatorPeriod);
        if (period == null) {
            return true;
        }
        IndicatorValue before = period.members.put(member, view);
        if (before == null) {
            hold(1);
            return true;
        }
        return !view.equals(before);
    }

    /**
     * The indicator-period's cached copy, loaded when missing: {@code members} fills the ranking views,
     * {@code published} the positions as last published.
     */
    Period period(String indicatorPeriod, Consumer<Map<String, IndicatorValue>> members,
                  Consumer<Map<String, IndicatorPosition>> published) {
        // get + put, not computeIfAbsent: taking entries may evict other indicator-periods from the same map
        Period period = periods.get(indicatorPeriod);
        if (period == null) {
            period = new Period();
            members.accept(period.members);
            published.accept(period.published);
            periods.put(indicatorPeriod, period);
            hold(period.size());
        }
        return period;
    }

    /** Drops everything and gives this cache's share of the budget back. */
    void clear() {
        periods.clear();
        budget.release(held);
        held = 0;
    }

    /**
     * Counts entries taken (or given back, when negative) and, over the budget, drops the least recently used
     * indicator-periods but the most recent one (the one being recomputed).
     */
    private void hold(long entries) {
        held += entries;
        budget.add(entries);
        Iterator<Period> eldest = periods.values().iterator();
        while (budget.exceeded() && periods.size() > 1 && eldest.hasNext()) {
            long freed = eldest.next().size();
            eldest.remove();
            held -= freed;
            budget.release(freed);
        }
    }
}
