package nl.sobamo.deploy.platform;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the pipeline needs to run on one machine: an {@link EmbeddedKafka} broker in this JVM
 * and an {@link ApicurioRegistry} child process, both on 127.0.0.1 with their state under
 * {@link PlatformConfig#dataDir()}.
 *
 * <pre>{@code
 * try (EmbeddedPlatform platform = new EmbeddedPlatform(PlatformConfig.fromEnvironment()).start()) {
 *     Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "sobamo-platform-stop"));
 *     ... platform.bootstrapServers(), platform.registryUrl() ...
 * }
 * }</pre>
 *
 * <p>The shutdown hook is the caller's job: only the application knows whether it owns the JVM.
 * Without it, Ctrl-C would leave the registry process running (the next start cleans it up).
 *
 * <p>One platform per data directory: while one runs, another start on the same directory is refused with a
 * {@link PlatformStartException} that says which process holds it ({@link DataDirLock}).
 */
public final class EmbeddedPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlatform.class);

    private final PlatformConfig config;
    private final EmbeddedKafka kafka;
    /** Separate from the start lock, so a shutdown hook can stop a start that is under way. */
    private final Object closeLock = new Object();
    private volatile ApicurioRegistry registry;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile DataDirLock dirLock;

    public EmbeddedPlatform(PlatformConfig config) {
        this.config = config;
        this.kafka = new EmbeddedKafka(config.dataDir(), config.kafkaPort());
    }

    /**
     * Starts Kafka and the registry in parallel (they do not depend on each other, and the registry
     * spends its few seconds of start-up in another process) and returns when both are ready.
     *
     * @throws PlatformStartException when either fails; whatever did start is stopped again
     */
    public synchronized EmbeddedPlatform start() {
        if (started) {
            return this;
        }
        long startNanos = System.nanoTime();
        // Before anything touches the directory: a run already using it must be refused, not have its registry
        // taken for an orphan and stopped (see DataDirLock).
        dirLock = DataDirLock.acquire(config.dataDir());
        try {
            startComponents();
        } catch (RuntimeException e) {
            dirLock.close();
            throw e;
        }
        started = true;
        LOG.info("Embedded platform ready after {} ms: Kafka {} | schema registry {} | data {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                kafka.bootstrapServers(), registry.confluentApiUrl(), config.dataDir());
        return this;
    }

    private void startComponents() {
        // Locating the distribution first fails fast, before a broker is started for nothing.
        ApicurioRegistry registry = ApicurioRegistry.fromConfig(config);
        synchronized (closeLock) {
            if (closed) {
                throw new IllegalStateException("EmbeddedPlatform was closed; create a new one to start again");
            }
            this.registry = registry;
        }
        ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sobamo-registry-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<ApicurioRegistry> registryStart = CompletableFuture.supplyAsync(registry::start, starter);
            try {
                kafka.start();
            } catch (RuntimeException kafkaFailure) {
                // Stopping the registry makes its start fail fast instead of running to completion.
                registry.close();
                registryStart.exceptionally(ignored -> null).join();
                throw kafkaFailure;
            }
            try {
                registryStart.join();
            } catch (CompletionException e) {
                kafka.close();
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        } finally {
            starter.shutdownNow();
        }
        if (closed) {
            // close() ran concurrently (e.g. Ctrl-C during start-up) after both had come up.
            close();
            throw new PlatformStartException("Embedded platform start was aborted: it was closed");
        }
    }

    /** {@code bootstrap.servers} for Kafka clients. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The registry's Confluent-compatible API, for {@code schema.registry.url}. */
    public String registryUrl() {
        requireStarted();
        return registry.confluentApiUrl();
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public ApicurioRegistry registry() {
        requireStarted();
        return registry;
    }

    public PlatformConfig config() {
        return config;
    }

    private void requireStarted() {
        if (registry == null) {
            throw new IllegalStateException("EmbeddedPlatform is not started");
        }
    }

    /**
     * Stops the registry, then Kafka (the reverse of the logical start order, so nothing that
     * depends on the broker outlives it), then releases the data directory. Each is always
     * attempted; the first failure is thrown with later ones suppressed. Idempotent.
     *
     * <p>May be called from a shutdown hook while {@link #start()} is still running: the registry
     * is stopped at once (its start then fails), Kafka as soon as its own start step returns.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            closed = true;
        }
        RuntimeException failure = null;
        ApicurioRegistry registry = this.registry;
        if (registry != null) {
            failure = attempt(registry::close, failure);
        }
        failure = attempt(kafka::close, failure);
        // last: the directory is free for the next run only once nothing of this one uses it
        DataDirLock lock = dirLock;
        if (lock != null) {
            failure = attempt(lock::close, failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs one stop step; its failure becomes the failure, or is suppressed by an earlier one. */
    private static RuntimeException attempt(Runnable step, RuntimeException failure) {
        try {
            step.run();
            return failure;
        } catch (RuntimeException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
            return failure;
        }
    }
}
