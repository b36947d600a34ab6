package nl.sobamo.aggregate.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.config.CatchUp;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the positions step recomputes a dirty indicator-period. Every time is passed in (the stream thread's clock), so
 * each case sets the moments it needs: interval 100 ms + commit 100 ms = settle 200 ms, catch-up lag 3 s, max 2 min.
 */
class RecomputeScheduleTest {

    private static final long COMMIT_MS = 100;
    private static final long SETTLE_MS = 200;
    private static final long LAG_MS = 3_000;
    private static final long CATCH_UP_MAX_MS = 120_000;
    /** Record time of a live row: its wall-clock arrival. */
    private static final long T0 = 1_000_000;

    private final AggregateConfig config = AggregateConfig.defaults()
            .withPositionInterval(Duration.ofMillis(100))
            .withPositionBudget(Duration.ofMillis(50))
            .withCatchUp(new CatchUp(Duration.ofMillis(LAG_MS), Duration.ofMillis(CATCH_UP_MAX_MS)));
    private KeyValueStore<String, String> store;

    @BeforeEach
    void store() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "recompute-schedule");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, PositionOutput> context = new MockProcessorContext<>(props);
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PositionStores.DIRTY), Serdes.String(),
                Serdes.String()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void aSingleLiveChangeIsDueAtTheNextRunWithTheFlowingBudget() {
        RecomputeSchedule schedule = schedule();
        live(schedule, "a|2023", T0);
        RecomputeSchedule.Run run = schedule.plan(T0 + 100);
        assertThat(run.due()).containsExactly("a|2023");
        assertThat(run.dirty()).isEqualTo(1);
        assertThat(run.catchingUp()).isFalse();
        assertThat(run.budgetMs()).isEqualTo(50);
    }

    @Test
    void aBurstWaitsUntilItSettlesButNoLongerThanTheMaxDelay() {
        RecomputeSchedule schedule = schedule();
        live(schedule, "a|2023", T0);
        live(schedule, "a|2023", T0 + 50);
        assertThat(schedule.plan(T0 + 100).due()).isEmpty();
        // settled: no change for the settle time, and input paused (so the quiet budget applies)
        RecomputeSchedule.Run settled = schedule.plan(T0 + 50 + SETTLE_MS);
        assertThat(settled.due()).containsExactly("a|2023");
        assertThat(settled.budgetMs()).isEqualTo(RecomputeSchedule.QUIET_RUN_BUDGET_MS);
        schedule.recomputed("a|2023");

        // a burst that never settles is still recomputed once its first change is the max delay old
        RecomputeSchedule busy = schedule();
        live(busy, "b|2023", T0);
        long t = T0 + 100;
        for (; t < T0 + RecomputeSchedule.MAX_DELAY_MS; t += 100) {
            live(busy, "b|2023", t);
            assertThat(busy.plan(t).due()).as("at %d", t - T0).isEmpty();
        }
        live(busy, "b|2023", t);
        assertThat(busy.plan(t).due()).containsExactly("b|2023");
    }

    @Test
    void whileCatchingUpDirtyIndicatorPeriodsWaitUntilALiveRowArrives() {
        RecomputeSchedule schedule = schedule();
        long now = T0;
        schedule.arrived(now, now - 60_000); // a replay: a minute behind
        schedule.changed("a|2023", now);
        RecomputeSchedule.Run waiting = schedule.plan(now + 2_900);
        assertThat(waiting.catchingUp()).isTrue();
        assertThat(waiting.due()).isEmpty();
        assertThat(waiting.dirty()).isEqualTo(1);

        now += 2_900;
        schedule.arrived(now, now); // caught up: a row within the lag
        RecomputeSchedule.Run caughtUp = schedule.plan(now + 100);
        assertThat(caughtUp.catchingUp()).isFalse();
        assertThat(caughtUp.due()).containsExactly("a|2023");
    }

    @Test
    void catchingUpEndsAfterTheLagWithoutRowsBehindAndNeverHoldsLongerThanTheMaxDelay() {
        RecomputeSchedule quiet = schedule();
        quiet.arrived(T0, 0);
        quiet.changed("a|2023", T0);
        assertThat(quiet.plan(T0 + LAG_MS - 1).due()).isEmpty();
        assertThat(quiet.plan(T0 + LAG_MS).due()).containsExactly("a|2023");
        quiet.recomputed("a|2023");

        RecomputeSchedule endless = schedule();
        long t = T0;
        endless.changed("b|2023", t);
        for (; t < T0 + CATCH_UP_MAX_MS; t += 1_000) {
            endless.arrived(t, 0);
            assertThat(endless.plan(t).due()).isEmpty();
        }
        endless.arrived(t, 0);
        RecomputeSchedule.Run run = endless.plan(t);
        assertThat(run.catchingUp()).isTrue();
        assertThat(run.due()).containsExactly("b|2023");
    }

    @Test
    void runsGoRoundRobinFromAfterTheLastRecomputed() {
        RecomputeSchedule schedule = schedule();
        for (String ip : List.of("a|2023", "b|2023", "c|2023")) {
            live(schedule, ip, T0);
        }
        assertThat(schedule.plan(T0 + 100).due()).containsExactly("a|2023", "b|2023", "c|2023");
        schedule.recomputed("a|2023");
        live(schedule, "a|2023", T0 + 150);
        // b and c are still dirty (the run's budget ran out after a): they come before a
        assertThat(schedule.plan(T0 + 200).due()).containsExactly("b|2023", "c|2023", "a|2023");
        schedule.recomputed("b|2023");
        schedule.recomputed("c|2023");
        assertThat(schedule.plan(T0 + 250).due()).containsExactly("a|2023");
        assertThat(dirtyKeys()).containsExactly("a|2023");
    }

    @Test
    void onlyTheFirstChangeIsWrittenAndANewScheduleResumesItsTiming() {
        RecomputeSchedule before = schedule();
        live(before, "a|2023", T0);
        live(before, "a|2023", T0 + 10);
        live(before, "a|2023", T0 + 20);
        assertThat(store.get("a|2023")).isEqualTo(T0 + ":" + T0 + ":1");

        // a restart: the mark's first change survives, so the burst keeps its max delay from T0
        RecomputeSchedule after = schedule();
        live(after, "a|2023", T0 + RecomputeSchedule.MAX_DELAY_MS - 10);
        assertThat(after.plan(T0 + RecomputeSchedule.MAX_DELAY_MS - 5).due()).isEmpty();
        assertThat(after.plan(T0 + RecomputeSchedule.MAX_DELAY_MS).due()).containsExactly("a|2023");
    }

    @Test
    void aReferenceChangeMakesIndicatorPeriodsDueAtOnceEvenMidBurst() {
        RecomputeSchedule schedule = schedule();
        live(schedule, "a|2023", T0);
        live(schedule, "a|2023", T0 + 10);
        schedule.dueNow(List.of("a|2023", "b|2023"));
        assertThat(schedule.plan(T0 + 20).due()).containsExactly("a|2023", "b|2023");
        assertThat(store.get("b|2023")).isEmpty();
    }

    @Test
    void marksWithoutACountFromEarlierVersionsStillSteerTheTiming() {
        store.put("a|2023", T0 + ":" + (T0 + 50)); // a burst, as written before the count existed
        store.put("b|2023", T0 + ":" + T0); // a single change
        RecomputeSchedule schedule = schedule();
        schedule.arrived(T0 + 60, T0 + 60);
        assertThat(schedule.plan(T0 + 100).due()).containsExactly("b|2023");
    }

    private RecomputeSchedule schedule() {
        return new RecomputeSchedule(store, "4_0", config, COMMIT_MS);
    }

    /** A live row (record time = arrival) that changed the indicator-period's ranking. */
    private static void live(RecomputeSchedule schedule, String indicatorPeriod, long now) {
        schedule.arrived(now, now);
        schedule.changed(indicatorPeriod, now);
    }

    private List<String> dirtyKeys() {
        try (var it = store.all()) {
            List<String> keys = new java.util.ArrayList<>();
            it.forEachRemaining(kv -> keys.add(kv.key));
            return keys;
        }
    }
}
