package nl.sobamo.deploy.process;

import static nl.sobamo.config.Settings.envName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.sobamo.aggregate.app.AggregateApp;
import nl.sobamo.aggregate.app.QueryApiSettings;
import nl.sobamo.config.ConnectionSettings;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.deploy.topics.TopicProvisioner;
import nl.sobamo.deploy.topics.TopicSpec;
import nl.sobamo.normalize.app.NormalizeApp;
import nl.sobamo.ops.OpsSettings;
import nl.sobamo.push.PushApiConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline as separate OS processes: the broker (its own JVM), the registry (Apicurio child process) and the
 * services from the production image's classpath with the compose manifest's main classes and environments.
 * Long-running services that exit on their own (a Streams app shuts down when a stream thread dies) are restarted
 * by {@link #reviveExited()}, as an orchestrator with a restart policy would. A service may run as several replicas
 * ({@link #start(String, int)}): replica 1 is named after the service, replica n after it with {@code -n}; each has
 * its own ports and state directory, as each pod of a StatefulSet has.
 */
public final class PipelineProcesses implements AutoCloseable {

    public static final String INGEST = "ingest";
    public static final String PUSH = "push";
    public static final String NORMALIZE = "normalize";
    public static final String AGGREGATE = "aggregate";
    public static final List<String> LONG_RUNNING = List.of(NORMALIZE, AGGREGATE, PUSH);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final String LOOPBACK = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineProcesses.class);

    private final Path runDir;
    private final BrokerProcess broker;
    private final RegistryControl registry;
    private final ServiceEnvironments environments;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private final Map<String, Integer> opsPorts = new LinkedHashMap<>();
    private final Map<String, Integer> queryPorts = new LinkedHashMap<>();
    private final int pushPort;
    private final Path pushKeys;
    private final List<String> revived = new ArrayList<>();

    public PipelineProcesses(HarnessLayout layout, Path runDir, RegistryControl registry) {
        this.runDir = runDir.toAbsolutePath().normalize();
        this.registry = registry;
        this.broker = new BrokerProcess(layout, this.runDir, freePort());
        this.environments = new ServiceEnvironments(ComposeManifest.read(layout.composeFile()), layout, this.runDir);
        this.pushPort = freePort();
        this.pushKeys = this.runDir.resolve(PUSH).resolve("keys.txt");
    }

    /** The process name of replica {@code replica} (1, 2, ...) of a service. */
    public static String instance(String service, int replica) {
        if (replica < 1) {
            throw new IllegalArgumentException("replicas count from 1: " + replica);
        }
        return replica == 1 ? service : service + "-" + replica;
    }

    /** The service an instance name belongs to. */
    static String serviceOf(String instance) {
        return instance.replaceFirst("-\\d+$", "");
    }

    /** The ops port ({@code SOBAMO_OPS_PORT}) of an instance: {@code /metrics}, {@code /health/*}. */
    public synchronized int opsPort(String instance) {
        return opsPorts.computeIfAbsent(instance, i -> freePort());
    }

    /** The query API of an aggregate instance ({@code SOBAMO_AGGREGATE_HTTP_PORT}). */
    public String queryBaseUrl(String instance) {
        return "http://127.0.0.1:" + queryPort(instance);
    }

    private synchronized int queryPort(String instance) {
        if (!serviceOf(instance).equals(AGGREGATE)) {
            throw new IllegalArgumentException(instance + " has no query API");
        }
        return queryPorts.computeIfAbsent(instance, i -> freePort());
    }

    public BrokerProcess broker() {
        return broker;
    }

    public RegistryControl registry() {
        return registry;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String pushBaseUrl() {
        return "http://127.0.0.1:" + pushPort;
    }

    /** The push API's key file; append keys before or while it runs (it reloads the file). */
    public Path pushKeysFile() {
        return pushKeys;
    }

    public void startBroker() {
        broker.start();
    }

    public void provisionTopics(int partitions) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).ensure(TopicSpec.pipelineTopics(partitions));
        }
    }

    /** Starts (replica 1 of) a long-running service and waits until it is ready. */
    public ServiceProcess start(String service) {
        return start(service, 1);
    }

    /** Starts replica {@code replica} of a long-running service and waits until it is ready. */
    public ServiceProcess start(String service, int replica) {
        String instance = instance(service, replica);
        Set<String> before = isStreams(service) ? groups().members(groupOf(service)) : Set.of();
        ServiceProcess process = services.computeIfAbsent(instance, i -> new ServiceProcess(command(service, i), runDir));
        process.start();
        awaitReady(instance, before);
        return process;
    }

    /** kill -9 of a running service. */
    public void kill9(String service) {
        ServiceProcess p = services.get(service);
        if (p == null) {
            throw new IllegalStateException(service + " was never started");
        }
        p.kill9();
        LOG.info("killed {} with SIGKILL", service);
    }

    /**
     * Runs ingest once with the manifest's command (compose leaves the image's default: the two bundled files) and
     * waits for exit 0.
     */
    public void runIngestBundles(Duration timeout) {
        ServiceProcess ingest = new ServiceProcess(command(INGEST, INGEST), runDir);
        services.put(INGEST, ingest);
        ingest.start();
        int code = ingest.awaitExit(timeout);
        if (code != 0) {
            throw new IllegalStateException("ingest exited with " + code + ":\n" + ingest.logTail(40));
        }
    }

    /** Restarts long-running services that have exited; returns their names (also kept for {@link #revivedSoFar()}). */
    public synchronized List<String> reviveExited() {
        List<String> now = new ArrayList<>();
        for (Map.Entry<String, ServiceProcess> e : List.copyOf(services.entrySet())) {
            String s = e.getKey();
            ServiceProcess p = e.getValue();
            if (LONG_RUNNING.contains(serviceOf(s)) && !p.isAlive()) {
                LOG.warn("{} exited with {}; restarting it. Log tail:\n{}", s, p.exitCode().orElse(-1), p.logTail(15));
                Set<String> before = isStreams(serviceOf(s)) ? groups().members(groupOf(serviceOf(s))) : Set.of();
                p.start();
                awaitReady(s, before);
                now.add(s);
            }
        }
        revived.addAll(now);
        return now;
    }

    /** Every service the harness had to restart because it exited by itself, in order. */
    public synchronized List<String> revivedSoFar() {
        return List.copyOf(revived);
    }

    public ServiceProcess process(String service) {
        return services.get(service);
    }

    public ConsumerGroups groups() {
        return new ConsumerGroups(bootstrapServers());
    }

    public static String groupOf(String service) {
        return switch (service) {
            case NORMALIZE -> NormalizeApp.DEFAULT_APPLICATION_ID;
            case AGGREGATE -> AggregateApp.DEFAULT_APPLICATION_ID;
            default -> throw new IllegalArgumentException(service + " is no Streams service");
        };
    }

    private static boolean isStreams(String service) {
        return service.equals(NORMALIZE) || service.equals(AGGREGATE);
    }

    private void awaitReady(String instance, Set<String> membersBefore) {
        ServiceProcess p = services.get(instance);
        String service = serviceOf(instance);
        int ops = opsPort(instance);
        Deadline.await(instance + " ready", READY_TIMEOUT, () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException(instance + " exited during start-up:\n" + p.logTail(40));
            }
            var opsReady = ServiceHealth.ready(ops);
            if (opsReady.isPresent()) {
                return opsReady.get();
            }
            if (service.equals(PUSH)) {
                return ServiceHealth.ok(pushBaseUrl() + "/health").orElse(false);
            }
            return groups().stableWithNewMembers(groupOf(service), membersBefore);
        }, () -> p.logTail(20));
    }

    /** The manifest's command and environment for an instance of a service, host/port/dir values replaced. */
    private ServiceProcess.ServiceCommand command(String service, String instance) {
        Map<String, String> replaced = new LinkedHashMap<>();
        replaced.put(envName(ConnectionSettings.BOOTSTRAP_SERVERS), bootstrapServers());
        replaced.put(envName(ConnectionSettings.REGISTRY_URL), registry.url());
        replaced.put(envName(StreamsSettings.STATE_DIR), runDir.resolve(instance).resolve("streams").toString());
        replaced.put(envName(OpsSettings.HOST), LOOPBACK);
        replaced.put(envName(OpsSettings.PORT), Integer.toString(opsPort(instance)));
        Map<String, String> added = new LinkedHashMap<>();
        if (service.equals(AGGREGATE)) {
            // each replica binds and advertises its own loopback port, as each pod advertises its pod IP
            replaced.put(envName(QueryApiSettings.HOST), LOOPBACK);
            replaced.put(envName(QueryApiSettings.PORT), Integer.toString(queryPort(instance)));
            replaced.put(envName(QueryApiSettings.ADVERTISED_HOST), LOOPBACK);
        }
        if (service.equals(PUSH)) {
            replaced.put(envName(PushApiConfig.HOST), LOOPBACK);
            replaced.put(envName(PushApiConfig.KEYS_FILE), pushKeys.toString());
            replaced.put(envName(PushApiConfig.PORT), Integer.toString(pushPort));
            replaced.put(envName(PushApiConfig.RECEIPTS_FILE), runDir.resolve(instance).resolve("receipts.jsonl").toString());
            try {
                Files.createDirectories(pushKeys.getParent());
                if (!Files.exists(pushKeys)) {
                    Files.createFile(pushKeys);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return environments.command(service, instance, replaced, added);
    }

    /**
     * A free loopback port that this JVM has not handed out before. Services bind their ports only when they start,
     * often long after the port was chosen (a restart, the second phase of a run), so a port that is merely free
     * now could be handed out twice and two services would end up on one port.
     */
    public static synchronized int freePort() {
        for (int attempt = 0; ; attempt++) {
            int port = anyFreePort();
            if (HANDED_OUT.add(port) || attempt > 100) {
                return port;
            }
        }
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every service (SIGTERM), then the broker; the registry belongs to the caller. */
    @Override
    public void close() {
        List<ServiceProcess> all = new ArrayList<>(services.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).stop();
        }
        broker.stop();
    }
}
