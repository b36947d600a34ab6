package nl.sobamo.registry;

import java.time.Duration;

/** How the client waits between retries; a seam so tests can observe the back-off without waiting for it. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL_TIME = delay -> Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);

    void sleep(Duration delay) throws InterruptedException;
}
