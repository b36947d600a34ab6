package nl.sobamo.streams;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;
import nl.sobamo.lifecycle.ShutdownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every sobamo Kafka Streams app shares: one {@link KafkaStreams} client that shuts down (instead of
 * replacing the thread) when a stream thread dies, because a failure there is a bug or a broken input that a
 * restarted thread would hit again; a bounded close; and a {@code main} that runs until the JVM is asked to stop.
 */
public final class StreamsService implements AutoCloseable {

    /** Long enough to commit the open transaction and flush the state stores of a normal load. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

    private final String name;
    private final KafkaStreams streams;

    /** @param name the app's name in log lines and thread names, e.g. {@code normalize} */
    public StreamsService(String name, Topology topology, Properties properties) {
        this.name = name;
        this.streams = new KafkaStreams(topology, properties);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public void start() {
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("{} stream thread failed; shutting the app down", name, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
    }

    @Override
    public void close() {
        streams.close(CLOSE_TIMEOUT);
    }

    /** Exit status of a main whose Streams client went to ERROR, so its orchestrator restarts it. */
    public static final int EXIT_STREAMS_FAILED = 70;
    private static final Duration STATE_CHECK = Duration.ofSeconds(1);

    /**
     * Runs {@code start}, then blocks until the JVM shuts down, closing {@code app} from the shutdown hook itself:
     * the JVM does not wait for the main thread once shutdown has begun. When the Streams client goes to
     * {@code ERROR} (a stream thread or the global thread died, e.g. the registry stayed unreachable longer than the
     * serde's retries) the process exits with {@value #EXIT_STREAMS_FAILED}: a client in ERROR never recovers, and a
     * process that stays up without processing would look alive to its orchestrator forever. A restarted process
     * resumes from its committed offsets (exactly-once), so nothing is lost or duplicated.
     */
    public static void runUntilShutdown(String name, Supplier<KafkaStreams> streams, AutoCloseable app, Runnable start)
            throws InterruptedException {
        ShutdownLatch stopped = ShutdownLatch.closeOnShutdown(name, app);
        start.run();
        while (!stopped.await(STATE_CHECK)) {
            KafkaStreams client = streams.get();
            if (client != null && client.state() == KafkaStreams.State.ERROR) {
                LOG.error("{}: the Kafka Streams client is in ERROR and cannot recover; exiting with {} so it is restarted",
                        name, EXIT_STREAMS_FAILED);
                System.exit(EXIT_STREAMS_FAILED); // runs the shutdown hook above, which closes the app
            }
        }
    }
}
