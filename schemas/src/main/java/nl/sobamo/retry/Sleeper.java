package nl.sobamo.retry;

import java.time.Duration;

/** How a client waits between retries; a seam so tests can observe the back-off without waiting for it. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL_TIME = delay -> Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);

    void sleep(Duration delay) throws InterruptedException;
}
