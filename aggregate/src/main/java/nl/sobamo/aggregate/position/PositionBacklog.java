package nl.sobamo.aggregate.position;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the positions steps of one app instance have still to publish, as each task's step last reported it (after
 * each of its runs): for the operators' gauges. While a step catches up (decision 0012) its positions wait on
 * purpose, so "lag zero" alone no longer says the tables are final.
 */
public final class PositionBacklog {

    /** One task's report: indicator-periods left dirty after its last run, and whether it is catching up. */
    private record TaskState(int pending, boolean catchingUp) {
    }

    private final Map<String, TaskState> tasks = new ConcurrentHashMap<>();

    void report(String task, int pending, boolean catchingUp) {
        tasks.put(task, new TaskState(pending, catchingUp));
    }

    void forget(String task) {
        tasks.remove(task);
    }

    /** Indicator-periods whose positions and benchmark rows wait for the positions step, over this instance's tasks. */
    public long pending() {
        return tasks.values().stream().mapToLong(TaskState::pending).sum();
    }

    /** Positions tasks of this instance that are catching up (their positions wait until they have). */
    public long catchingUp() {
        return tasks.values().stream().filter(TaskState::catchingUp).count();
    }
}
