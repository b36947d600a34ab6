package nl.sobamo.deploy.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import nl.sobamo.deploy.platform.KafkaBrokerMain;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The KRaft broker in its own JVM ({@link KafkaBrokerMain}) on a fixed port and data directory, so that
 * {@link #kill9()} followed by {@link #start()} is a real broker restart that clients reconnect to.
 */
public final class BrokerProcess {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final ServiceProcess process;
    private final int port;

    public BrokerProcess(HarnessLayout layout, Path runDir, int port) {
        this.port = port;
        Path dataDir = runDir.resolve("broker");
        this.process = new ServiceProcess(new ServiceProcess.ServiceCommand("broker", List.of(HarnessLayout.javaExecutable(),
                "-Xmx768m", "-Dlogback.configurationFile=" + layout.imageConf().resolve("logback.xml"),
                "-cp", layout.runnerJar().toString(), KafkaBrokerMain.class.getName(), dataDir.toString(), Integer.toString(port)),
                Map.of(), dataDir), runDir);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker process and returns once it answers an admin request. */
    public BrokerProcess start() {
        process.start();
        Deadline.await("broker on " + bootstrapServers() + " ready", READY_TIMEOUT,
                () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("broker exited: " + process.logTail(30));
                    }
                    return process.logContains(KafkaBrokerMain.READY_PREFIX + bootstrapServers()) && answers();
                }, () -> process.logTail(20));
        return this;
    }

    private boolean answers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception notYet) {
            return false;
        }
    }

    public void kill9() {
        process.kill9();
    }

    public void stop() {
        process.stop();
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
