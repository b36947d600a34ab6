package nl.sobamo.deploy.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import nl.sobamo.registry.CompatibilityLevel;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.registry.RegistryUnavailableException;
import nl.sobamo.registry.SchemaRegistryClient;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Apicurio Registry 2.6, run as a child process of this JVM and reached over HTTP on
 * 127.0.0.1. Applications use its Confluent-compatible API ({@link #confluentApiUrl()}).
 *
 * <p>Why a child process: the registry is a Quarkus application with its own class path (Quarkus,
 * Vert.x, RESTEasy, an older kafka-clients, ...), which would clash with ours in one JVM.
 *
 * <p>Storage: the distribution's SQL storage on H2, pointed at a file database
 * ({@code <dataDir>/registry/registry.mv.db}) instead of the default in-memory one, so schemas
 * and ids survive restarts. The registry creates the tables on first start and reuses them after.
 *
 * <p>The process writes stdout and stderr to {@code <dataDir>/registry/registry.log}, overwritten
 * on each start. {@link #close()} stops it. If this JVM dies without running {@code close()} (e.g.
 * SIGKILL; callers should register a shutdown hook that closes the platform for ordinary exits),
 * the child lives on; the next start on the same data directory stops that orphan before starting
 * anew (see {@link RegistryPidFile}). Nothing global (hooks, properties) is registered here.
 */
public final class ApicurioRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);

    /** The global rule: new schemas must be able to read data written with the previous one. */
    public static final CompatibilityLevel GLOBAL_COMPATIBILITY = CompatibilityLevel.BACKWARD;

    /** Time the registry gets to shut down on SIGTERM before it is killed. */
    static final long STOP_GRACE_SECONDS = 10;
    static final Duration STOP_GRACE = Duration.ofSeconds(STOP_GRACE_SECONDS);
    private static final String HEAP = "-Xmx256m";
    private static final long POLL_MILLIS = 250;
    private static final int LOG_LINES_ON_ERROR = 40;

    private final ApicurioHome home;
    private final Path dataDir;
    private final int configuredPort;
    private final Duration startTimeout;
    private final RegistryPidFile pidFile;

    private Process process;
    private int port;
    private volatile boolean closed;

    /**
     * @param home         the unpacked distribution
     * @param dataDir      the platform data directory; the registry keeps its state in {@code <dataDir>/registry}
     * @param port         HTTP port on 127.0.0.1, or 0 for a free one
     * @param startTimeout how long {@link #start()} waits for the registry to answer
     */
    public ApicurioRegistry(ApicurioHome home, Path dataDir, int port, Duration startTimeout) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        this.home = Objects.requireNonNull(home, "home");
        this.dataDir = dataDir.resolve("registry").toAbsolutePath().normalize();
        this.configuredPort = port;
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        this.pidFile = new RegistryPidFile(this.dataDir);
        // H2 reads ';' as the start of URL settings, so such a path would silently open another database.
        if (this.dataDir.toString().contains(";")) {
            throw new IllegalArgumentException("The registry data directory must not contain ';': " + this.dataDir);
        }
    }

    /** A registry with the settings of {@code config}, locating the distribution if not configured. */
    public static ApicurioRegistry fromConfig(PlatformConfig config) {
        return new ApicurioRegistry(ApicurioHome.locate(config.apicurioHome()), config.dataDir(),
                config.registryPort(), config.registryStartTimeout());
    }

    /**
     * Starts the registry process, waits until it serves requests and sets the global
     * compatibility to {@value #GLOBAL_COMPATIBILITY}.
     *
     * @throws PlatformStartException with the end of registry.log when it exits or does not become
     *                                ready in time; the process is stopped in that case
     */
    public ApicurioRegistry start() {
        long startNanos = System.nanoTime();
        Process started = launch();
        try {
            // no retries: the readiness loop below is the retry, and it must notice an exited process at once
            SchemaRegistryClient client = SchemaRegistryClients.forConfig(RegistryConfig.of(confluentApiUrl())
                    .withRequestTimeout(Duration.ofSeconds(5)).withRetries(0, Duration.ZERO, Duration.ZERO));
            awaitReady(started, client, startNanos);
            configureCompatibility(client);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Apicurio Registry ready on {} (pid {}, data in {}, log {}) after {} ms", confluentApiUrl(),
                started.pid(), dataDir, logFile(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return this;
    }

    private synchronized Process launch() {
        if (closed) {
            throw new IllegalStateException("ApicurioRegistry was closed; create a new one to start again");
        }
        if (process != null) {
            throw new IllegalStateException("ApicurioRegistry was already started");
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new PlatformStartException("Cannot create the registry data directory " + dataDir, e);
        }
        pidFile.stopOrphan(home.runnerJar().getFileName().toString(), databaseUrl());
        if (configuredPort != 0) {
            LocalPorts.requireFree(configuredPort, PlatformConfig.REGISTRY_PORT);
        }
        port = LocalPorts.orFree(configuredPort);
        ProcessBuilder builder = new ProcessBuilder(command())
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new PlatformStartException("Cannot run " + String.join(" ", builder.command()), e);
        }
        try {
            pidFile.write(process.pid());
        } catch (IOException e) {
            // Only the orphan clean-up depends on it; the registry itself is fine.
            LOG.warn("Cannot write the registry pid file in {}: {}", dataDir, e.toString());
        }
        LOG.debug("Started Apicurio Registry: {}", builder.command());
        return process;
    }

    /** The java command, with the same JVM that runs this code. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add(HEAP);
        command.add("-Dquarkus.http.host=" + LocalPorts.HOST);
        command.add("-Dquarkus.http.port=" + port);
        // A system property outranks the %prod datasource URL in the registry's application.properties.
        command.add("-Dquarkus.datasource.jdbc.url=" + databaseUrl());
        command.add("-jar");
        command.add(home.runnerJar().toString());
        return command;
    }

    /**
     * H2 in file mode: {@code <dataDir>/registry/registry.mv.db}. The registry's own schema check
     * ("Database was already initialized, skipping") makes reuse across restarts safe.
     */
    String databaseUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("registry");
    }

    private static String javaExecutable() {
        Path fromJavaHome = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
        if (Files.isExecutable(fromJavaHome)) {
            return fromJavaHome.toString();
        }
        return ProcessHandle.current().info().command().orElseThrow(() -> new PlatformStartException(
                "Cannot find the java executable of this JVM (looked for " + fromJavaHome + ")"));
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private void awaitReady(Process started, SchemaRegistryClient client, long startNanos) {
        long deadline = startNanos + startTimeout.toNanos();
        try {
            while (!isReady(client)) {
                // Waiting on the process rather than sleeping notices an early exit at once.
                if (started.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (closed) {
                        throw new PlatformStartException("Apicurio Registry start was aborted: it was closed");
                    }
                    throw new PlatformStartException("Apicurio Registry exited with code " + started.exitValue()
                            + " before it was ready (port " + port + "). Last lines of " + logFile() + ":"
                            + System.lineSeparator() + LogTail.of(logFile(), LOG_LINES_ON_ERROR));
                }
                if (System.nanoTime() > deadline) {
                    throw new PlatformStartException("Apicurio Registry did not answer on " + confluentApiUrl()
                            + " within " + startTimeout.toSeconds() + " s (raise " + PlatformConfig.REGISTRY_START_TIMEOUT
                            + " on a slow machine). Last lines of " + logFile() + ":" + System.lineSeparator()
                            + LogTail.of(logFile(), LOG_LINES_ON_ERROR));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while waiting for Apicurio Registry", e);
        }
    }

    /** True once the registry answers {@code GET /config}, which needs its storage (unlike a plain port check). */
    private static boolean isReady(SchemaRegistryClient client) {
        try {
            client.getCompatibility(null);
            return true;
        } catch (RegistryUnavailableException notYetServing) {
            return false;
        }
    }

    private void configureCompatibility(SchemaRegistryClient client) {
        try {
            client.setCompatibility(null, GLOBAL_COMPATIBILITY);
            CompatibilityLevel level = client.getCompatibility(null);
            if (level != GLOBAL_COMPATIBILITY) {
                throw new PlatformStartException("Apicurio Registry kept global compatibility " + level
                        + " after it was set to " + GLOBAL_COMPATIBILITY);
            }
        } catch (SchemaRegistryException e) {
            throw new PlatformStartException("Cannot set the global compatibility of Apicurio Registry to "
                    + GLOBAL_COMPATIBILITY + ": " + e.getMessage(), e);
        }
    }

    /** Base URL of the Confluent-compatible API: {@code http://127.0.0.1:<port>/apis/ccompat/v7}. */
    public synchronized String confluentApiUrl() {
        requireStarted();
        return "http://" + LocalPorts.HOST + ":" + port + "/apis/ccompat/v7";
    }

    /** The HTTP port the registry listens on. */
    /** Process id of the registry child process (for resident-memory reports), -1 when not started. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** Where the registry's stdout and stderr go. */
    public Path logFile() {
        return dataDir.resolve("registry.log");
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("ApicurioRegistry is not running");
        }
    }

    /**
     * Stops the process: SIGTERM, up to {@value #STOP_GRACE_SECONDS} s to shut down, then SIGKILL.
     * Safe to call from another thread while {@link #start()} is still waiting; that start then fails.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process == null) {
            return;
        }
        boolean killed = ChildProcesses.stop(process.toHandle(), STOP_GRACE);
        pidFile.delete();
        if (killed) {
            LOG.warn("Apicurio Registry (pid {}) did not stop within {} s and was killed", process.pid(),
                    STOP_GRACE.toSeconds());
        } else {
            LOG.info("Apicurio Registry on port {} stopped", port);
        }
    }
}
