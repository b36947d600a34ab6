package nl.sobamo.lifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every long-running main ends: a JVM shutdown hook closes the running service, and the main thread waits on this
 * latch. The service is closed from the hook itself because the JVM does not wait for the main thread once shutdown
 * has begun.
 */
public final class ShutdownLatch {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownLatch.class);

    private final CountDownLatch closed = new CountDownLatch(1);

    private ShutdownLatch() {
    }

    /** @param name the service in the log line and the hook's thread name ({@code <name>-shutdown}) */
    public static ShutdownLatch closeOnShutdown(String name, AutoCloseable running) {
        ShutdownLatch latch = new ShutdownLatch();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                LOG.warn("{} did not close cleanly", name, e);
            } finally {
                latch.closed.countDown();
            }
        }, name + "-shutdown"));
        return latch;
    }

    /** Blocks until the hook has closed the service. */
    public void await() throws InterruptedException {
        closed.await();
    }

    /** Whether the hook has closed the service within {@code timeout}. */
    public boolean await(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
