package nl.sobamo.deploy.process;

import java.nio.file.Path;
import java.time.Duration;

import nl.sobamo.deploy.platform.ApicurioHome;
import nl.sobamo.deploy.platform.ApicurioRegistry;

/**
 * The Apicurio child process on a fixed port and H2 file database, so it can be stopped (an outage) and started
 * again at the same URL with the same schema ids, as a restarted registry deployment would be.
 */
public final class RegistryControl implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final ApicurioHome home;
    private final Path dataDir;
    private final int port;
    private ApicurioRegistry running;

    public RegistryControl(HarnessLayout layout, Path runDir, int port) {
        this.home = ApicurioHome.locate(layout.apicurioHome());
        this.dataDir = runDir;
        this.port = port;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public synchronized RegistryControl start() {
        if (running == null) {
            running = new ApicurioRegistry(home, dataDir, port, START_TIMEOUT).start();
        }
        return this;
    }

    /** SIGTERM, then SIGKILL after the registry's grace period: an outage until {@link #start()}. */
    public synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    @Override
    public void close() {
        stop();
    }
}
