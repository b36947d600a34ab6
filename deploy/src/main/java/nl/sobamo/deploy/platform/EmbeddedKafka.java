package nl.sobamo.deploy.platform;

import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker running inside this JVM: one KRaft node that is both broker and controller,
 * listening on 127.0.0.1 only.
 *
 * <p>It is started the way {@code kafka-storage format} followed by {@code kafka-server-start}
 * would start it, minus the separate processes: {@link KafkaStorage} runs the storage tool's entry
 * point ({@code kafka.tools.StorageTool}) to format the directories, then a {@link KafkaRaftServer}
 * (what {@code kafka.Kafka}'s main runs in KRaft mode) is created from a {@link KafkaConfig}.
 * Those three are the only broker classes used. Kafka's own {@code KafkaClusterTestKit} instead
 * wires {@code SharedServer}, {@code ControllerServer} and {@code BrokerServer} by hand (to inject
 * pre-bound sockets and test fault handlers), which ties it far closer to Kafka's internals than
 * a runner should be; the price here is that ports are picked before the broker binds them.
 *
 * <p>The settings are those of a single-node cluster: every internal topic has replication factor
 * 1 and min ISR 1, so transactions and exactly-once Kafka Streams work. Topics are not created
 * automatically; applications create theirs explicitly.
 *
 * <p>Note: like a stand-alone broker, Kafka halts the JVM on a fatal internal fault (e.g. a
 * corrupt metadata log). That is deliberate: a runner whose broker is broken cannot carry on.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** The one node of the cluster. Kept constant, because formatted directories record it. */
    static final int NODE_ID = 1;
    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Free ports are picked before Kafka binds them; another process may win that race. */
    private static final int MAX_BIND_ATTEMPTS = 3;

    private final KafkaStorage storage;
    private final int configuredPort;

    private KafkaRaftServer server;
    private int port;
    private String clusterId;
    private boolean closed;

    /**
     * @param dataDir the platform data directory; the broker keeps its state in {@code <dataDir>/kafka}
     * @param port    PLAINTEXT port on 127.0.0.1, or 0 for a free one
     */
    public EmbeddedKafka(Path dataDir, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        this.storage = new KafkaStorage(dataDir.resolve("kafka"));
        this.configuredPort = port;
    }

    /**
     * Formats the storage if needed, starts the broker and returns once an admin client gets an
     * answer from it.
     *
     * @throws PlatformStartException when the broker cannot be started; nothing is left running
     */
    public synchronized EmbeddedKafka start() {
        if (closed) {
            throw new IllegalStateException("EmbeddedKafka was closed; create a new one to start again");
        }
        if (server != null) {
            return this;
        }
        long startNanos = System.nanoTime();
        if (configuredPort != 0) {
            LocalPorts.requireFree(configuredPort, PlatformConfig.KAFKA_PORT);
        }
        startServer();
        awaitReady();
        LOG.info("Kafka {} ready on {} (cluster {}, data in {}) after {} ms", AppInfoParser.getVersion(),
                bootstrapServers(), clusterId, storage.root(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return this;
    }

    private void startServer() {
        for (int attempt = 1; ; attempt++) {
            int clientPort = LocalPorts.orFree(configuredPort);
            int controllerPort = LocalPorts.pickFree();
            Map<String, Object> properties = brokerProperties(clientPort, controllerPort);
            // Formats on the first start only; later calls (restarts, retries) just validate.
            clusterId = storage.prepare(properties);
            KafkaRaftServer candidate = null;
            try {
                // The constructor already validates the config and the formatted directories.
                candidate = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
                candidate.startup();
                server = candidate;
                port = clientPort;
                return;
            } catch (RuntimeException e) {
                // KafkaRaftServer.startup() shuts down what it started before rethrowing; this waits for it.
                if (candidate != null) {
                    stopQuietly(candidate);
                }
                // The controller port is always picked, so a lost race is worth another try.
                if (!isBindFailure(e) || attempt == MAX_BIND_ATTEMPTS) {
                    throw new PlatformStartException("Kafka broker failed to start on " + LocalPorts.HOST + ":"
                            + clientPort + " (controller port " + controllerPort + ", data in " + storage.root()
                            + "): " + e.getMessage(), e);
                }
                LOG.warn("A port picked for Kafka was taken before the broker could bind it; retrying with new ports");
            }
        }
    }

    /** The broker configuration; see the class comment for why these values. */
    Map<String, Object> brokerProperties(int clientPort, int controllerPort) {
        String host = LocalPorts.HOST;
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // Static quorum of this one node. Unlike a dynamic quorum, the voter's address is not
        // stored in the metadata log, so a restart may use another free controller port.
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", CLIENT_LISTENER + "://" + host + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + clientPort);
        props.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("log.dirs", storage.logDir().toString());
        props.put("metadata.log.dir", storage.metadataDir().toString());

        // One node: every replicated thing must be satisfiable by that node alone. The internal
        // topics default to three replicas; with one broker they could never be created, and
        // consumer groups and transactions would report "coordinator not available" forever.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", "1");
        // Consumers and Streams apps join immediately instead of waiting for more members.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly with their intended partitions and configs; a typo in a
        // topic name should fail loudly, not create a stray topic.
        props.put("auto.create.topics.enable", "false");
        // The log cleaner allocates this buffer up front (default 128 MiB) and it lives in our
        // heap, shared with the applications. The few compacted topics here fit easily in 8 MiB.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return props;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String bootstrapServers = bootstrapServers();
        Map<String, Object> adminProps = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "sobamo-embedded-kafka-readiness");
        try (Admin admin = Admin.create(adminProps)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        close();
                        throw new PlatformStartException("Kafka broker on " + bootstrapServers
                                + " did not answer within " + READY_TIMEOUT.toSeconds() + " s", e);
                    }
                    LOG.debug("Kafka not ready yet: {}", e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new PlatformStartException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    /** {@code 127.0.0.1:<port>}, for the {@code bootstrap.servers} of clients. */
    public synchronized String bootstrapServers() {
        requireStarted();
        return LocalPorts.HOST + ":" + port;
    }

    /** The PLAINTEXT port the broker listens on. */
    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The cluster id, the same across restarts on the same data directory. */
    public synchronized String clusterId() {
        requireStarted();
        return clusterId;
    }

    /** Where the broker keeps its state: {@code <dataDir>/kafka}. */
    public Path dataDir() {
        return storage.root();
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("EmbeddedKafka is not running");
        }
    }

    /** Shuts the broker down in an orderly way and waits until it has stopped. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server == null) {
            return;
        }
        long startNanos = System.nanoTime();
        KafkaRaftServer stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
        LOG.info("Kafka on {}:{} stopped after {} ms", LocalPorts.HOST, port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static void stopQuietly(KafkaRaftServer candidate) {
        try {
            candidate.shutdown();
            candidate.awaitShutdown();
        } catch (RuntimeException suppressed) {
            LOG.debug("Error while stopping a broker that failed to start", suppressed);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        // Kafka wraps the BindException (KafkaException "Socket server failed to bind ..."); the
        // depth limit guards against cause cycles.
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
