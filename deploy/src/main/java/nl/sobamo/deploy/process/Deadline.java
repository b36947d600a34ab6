package nl.sobamo.deploy.process;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting on a condition, never on the clock alone: polls until the condition holds or the deadline passes. The
 * deadlines are generous (a shared 2-core machine); the poll interval only bounds how late we notice.
 */
public final class Deadline {

    private static final long POLL_MILLIS = 200;

    private Deadline() {
    }

    /** Polls {@code condition} until it holds; fails with {@code what} and the last {@code detail} at the deadline. */
    public static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> detail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean holds;
            try {
                holds = condition.getAsBoolean();
            } catch (RuntimeException notYet) {
                holds = false;
            }
            if (holds) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ConditionTimeoutException(what + " did not happen within " + timeout.toSeconds() + " s: "
                        + detail.get());
            }
            // the poll interval of an external condition (offsets, HTTP, a process) that cannot notify us
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            if (Thread.currentThread().isInterrupted()) {
                throw new ConditionTimeoutException("interrupted while waiting for " + what);
            }
        }
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, condition, () -> "condition still false");
    }

    /** Remaining time of a deadline given as {@link System#nanoTime()}, never negative. */
    public static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** A condition that did not hold in time. */
    public static final class ConditionTimeoutException extends RuntimeException {
        public ConditionTimeoutException(String message) {
            super(message);
        }
    }
}
