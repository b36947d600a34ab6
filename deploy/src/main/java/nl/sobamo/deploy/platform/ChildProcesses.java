package nl.sobamo.deploy.platform;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping child processes politely first. */
final class ChildProcesses {

    /** How long a process gets after SIGKILL to be reaped; it cannot refuse, so this is short. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ChildProcesses() {
    }

    /**
     * Asks the process to stop (SIGTERM, so the registry closes its database cleanly), waits up to
     * {@code grace}, then kills it. Returns once it has exited or the kill wait has passed. An
     * interrupt skips the grace period but still kills, so no child outlives an aborted shutdown.
     *
     * @return true when the process had to be killed
     */
    static boolean stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return false;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException | ExecutionException stillRunning) {
            // fall through to the kill
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        process.onExit().completeOnTimeout(process, KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        return true;
    }
}
