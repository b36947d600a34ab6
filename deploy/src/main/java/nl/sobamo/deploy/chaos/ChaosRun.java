package nl.sobamo.deploy.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.deploy.process.Deadline;
import nl.sobamo.deploy.process.HarnessLayout;
import nl.sobamo.deploy.process.PipelineProcesses;
import nl.sobamo.deploy.process.StreamsLag;
import nl.sobamo.deploy.process.RegistryControl;
import nl.sobamo.deploy.run.LocalPipeline;
import nl.sobamo.reference.MunicipalityDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos run: the same inputs twice. First a fault-free reference, whose tables after each round are the
 * expectation; then the chaos run with one fault per round. Both runs use the broker as its own process, the registry
 * (shared, so schema ids agree) and the push and ingest services as processes from the image. In the chaos run
 * normalize and aggregate are processes too; in the reference they run in this JVM as the local runner runs them,
 * because only in-process can we tell that aggregate has published every pending position (its
 * {@code awaitSettled}); from outside, "settled" is "zero lag and tables equal to the reference".
 */
public final class ChaosRun {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);
    private static final int PUSH_MUNICIPALITIES = 40;
    private static final Duration PUSH_REQUEST_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration MID_WORK_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(10);

    private final HarnessLayout layout;
    private final ChaosOptions options;
    private final PrintStream out;
    private final List<String> municipalities;
    private final SyntheticLoad load;

    public ChaosRun(HarnessLayout layout, ChaosOptions options, PrintStream out) {
        this.layout = layout;
        this.options = options;
        this.out = out;
        this.municipalities = MunicipalityDirectory.loadDefault().codes().stream().sorted().toList();
        this.load = new SyntheticLoad(municipalities, options.seed());
    }

    /** Runs the reference and the chaos run; the outcome's {@code held()} is the verdict. */
    public ChaosOutcome run() throws Exception {
        long start = System.nanoTime();
        Files.createDirectories(options.runDir());
        try (RegistryControl registry = new RegistryControl(layout, options.runDir().resolve("registry"), freePort()).start()) {
            out.println("reference run (no faults), " + options.rounds() + " rounds, " + options.records()
                    + " synthetic records + bundled data, run dir " + options.runDir());
            List<TableState> expected = new ArrayList<>();
            execute(registry, null, expected);
            out.println("chaos run");
            List<RoundResult> rounds = execute(registry, expected, new ArrayList<>());
            return new ChaosOutcome(rounds, (System.nanoTime() - start) / 1_000_000_000L);
        }
    }

    /**
     * @param expected null for the reference run (which fills {@code snapshots}), else the reference's tables per round
     */
    private List<RoundResult> execute(RegistryControl registry, List<TableState> expected, List<TableState> snapshots)
            throws Exception {
        boolean reference = expected == null;
        Path runDir = options.runDir().resolve(reference ? "reference" : "chaos");
        List<RoundResult> results = new ArrayList<>();
        LocalPipeline inProcess = null;
        try (PipelineProcesses p = new PipelineProcesses(layout, runDir, registry)) {
          try {
            p.startBroker();
            p.provisionTopics(options.partitions());
            if (reference) {
                inProcess = new LocalPipeline(p.bootstrapServers(), registry.url(), runDir.resolve("streams"),
                        options.partitions(), new SimpleMeterRegistry());
                inProcess.startStreamsApps();
            } else {
                p.start(PipelineProcesses.NORMALIZE);
                p.start(PipelineProcesses.AGGREGATE);
            }
            Files.createDirectories(p.pushKeysFile().getParent());
            PushLoad push = PushLoad.withKeys(p.pushBaseUrl(), p.pushKeysFile(), municipalities.subList(0, PUSH_MUNICIPALITIES));
            p.start(PipelineProcesses.PUSH);
            p.runIngestBundles(INGEST_TIMEOUT);
            StreamsLag lag = new StreamsLag(p.bootstrapServers());
            settle(p, lag, inProcess, 0, expected, snapshots);
            for (int round = 1; round <= options.rounds(); round++) {
                Fault fault = reference ? Fault.NONE : options.faults().get(round - 1);
                int from = (int) ((long) options.records() * (round - 1) / options.rounds());
                int to = (int) ((long) options.records() * round / options.rounds());
                load.publish(p.bootstrapServers(), registry.url(), from, to);
                List<PushLoad.PushRequest> plan = push.plan(options.seed(), round, options.pushesPerRound(), options.pushBatch());
                Map<String, Integer> statusesBefore = push.statuses();
                int revivedBefore = p.revivedSoFar().size();
                long faultStart = System.nanoTime();
                FaultReport report = inject(fault, p, lag, push, plan);
                TableState.Diff diff = settle(p, lag, inProcess, round, expected, snapshots);
                long settleSeconds = (System.nanoTime() - faultStart) / 1_000_000_000L;
                Reconciliation.Result rec = new Reconciliation(p.bootstrapServers(), registry.url()).check(push.acceptedRecordIds());
                TableState now = reference ? snapshots.get(round) : TableState.read(p.bootstrapServers(), registry.url());
                RoundResult result = new RoundResult(round, fault, report.midWork(), report.detail(), rec, diff,
                        rows(now), p.revivedSoFar().subList(revivedBefore, p.revivedSoFar().size()),
                        delta(statusesBefore, push.statuses()), settleSeconds);
                results.add(result);
                out.println(result.line());
            }
          } finally {
            // before the broker goes: Streams apps closing against a stopped broker wait out their timeouts
            if (inProcess != null) {
                inProcess.close();
            }
          }
        }
        return results;
    }

    private FaultReport inject(Fault fault, PipelineProcesses p, StreamsLag lag, PushLoad push, List<PushLoad.PushRequest> plan) {
        switch (fault) {
            case NONE -> {
                push.send(plan, PUSH_REQUEST_TIMEOUT);
                return new FaultReport(false, "none");
            }
            case KILL_NORMALIZE, KILL_AGGREGATE, RESTART_BROKER -> {
                CompletableFuture<Integer> pushes = CompletableFuture.supplyAsync(() -> push.send(plan, PUSH_REQUEST_TIMEOUT));
                String target = fault == Fault.KILL_AGGREGATE ? PipelineProcesses.AGGREGATE : PipelineProcesses.NORMALIZE;
                long lagAtFault = awaitMidWork(lag, target);
                if (fault == Fault.RESTART_BROKER) {
                    p.broker().kill9();
                    p.broker().start();
                } else {
                    p.kill9(target);
                    p.start(target);
                }
                pushes.join();
                return new FaultReport(lagAtFault > 0, target + " lag " + lagAtFault + " at the kill");
            }
            case KILL_PUSH -> {
                // half the round's pushes answered, the other half under way when the service dies
                int half = plan.size() / 2;
                push.send(plan.subList(0, half), PUSH_REQUEST_TIMEOUT);
                int attempted = push.attempts();
                CompletableFuture<Integer> pushes = CompletableFuture.supplyAsync(
                        () -> push.send(plan.subList(half, plan.size()), PUSH_REQUEST_TIMEOUT));
                Deadline.await("the second half of the pushes under way", MID_WORK_TIMEOUT, () -> push.attempts() > attempted);
                int acceptedBefore = push.accepted();
                p.kill9(PipelineProcesses.PUSH);
                int atKill = push.accepted() - acceptedBefore;
                p.start(PipelineProcesses.PUSH);
                pushes.join();
                return new FaultReport(half + atKill < plan.size(), (half + atKill) + " of " + plan.size()
                        + " pushes accepted at the kill");
            }
            case REGISTRY_OUTAGE -> {
                int half = plan.size() / 2;
                push.send(plan.subList(0, half), PUSH_REQUEST_TIMEOUT);
                AtomicBoolean down = new AtomicBoolean(true);
                push.outageWindow(down::get);
                p.registry().stop();
                long downSince = System.nanoTime();
                CompletableFuture<Integer> pushes = CompletableFuture.supplyAsync(
                        () -> push.send(plan.subList(half, plan.size()), PUSH_REQUEST_TIMEOUT));
                // the fault is "the registry is away for this long"; the pushes above run meanwhile
                Deadline.await("registry outage of " + options.outage().toSeconds() + " s", options.outage().plusMinutes(1),
                        () -> System.nanoTime() - downSince >= options.outage().toNanos());
                down.set(false);
                p.registry().start();
                pushes.join();
                return new FaultReport(true, "statuses while down " + push.statusesDuringOutage());
            }
            default -> throw new IllegalArgumentException(fault.name());
        }
    }

    /** Waits until the target has input left but has made progress on it; returns the lag then (0: too late). */
    private static long awaitMidWork(StreamsLag lag, String service) {
        long[] max = {0};
        long[] last = {0};
        try {
            Deadline.await(service + " mid-work", MID_WORK_TIMEOUT, () -> {
                long now = lag.of(service);
                last[0] = now;
                max[0] = Math.max(max[0], now);
                return now == 0 && max[0] > 0 || now > 0 && now < max[0];
            });
        } catch (Deadline.ConditionTimeoutException e) {
            LOG.warn("{} never had input left to process: the fault lands after the work", service);
        }
        return last[0];
    }

    /**
     * Reference: drained and settled in-process, then the tables are the expectation of this round. Chaos: drained
     * (reviving services that exited) and tables equal to the reference's; the difference at the deadline otherwise.
     */
    private TableState.Diff settle(PipelineProcesses p, StreamsLag lag, LocalPipeline inProcess, int round, List<TableState> expected,
                                   List<TableState> snapshots) throws InterruptedException {
        String registryUrl = p.registry().url();
        if (expected == null) {
            inProcess.awaitDrained(options.settleTimeout());
            TableState tables = TableState.read(p.bootstrapServers(), registryUrl);
            snapshots.add(tables);
            LOG.info("reference round {}: {}", round, rows(tables));
            return new TableState.Diff(0, Map.of());
        }
        TableState reference = expected.get(round);
        TableState.Diff[] last = {null};
        try {
            Deadline.await("round " + round + " drained with tables equal to the reference", options.settleTimeout(), () -> {
                p.reviveExited();
                if (!lag.drained()) {
                    return false;
                }
                last[0] = TableState.read(p.bootstrapServers(), registryUrl).diff(reference);
                return last[0].equal();
            }, () -> last[0] == null ? "not drained" : last[0].perTable().toString());
        } catch (Deadline.ConditionTimeoutException e) {
            LOG.error(e.getMessage());
            if (last[0] == null) {
                last[0] = TableState.read(p.bootstrapServers(), registryUrl).diff(reference);
            }
        }
        return last[0];
    }

    private static Map<String, Integer> rows(TableState tables) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        tables.tables().forEach((k, v) -> rows.put(k, v.size()));
        return rows;
    }

    private static Map<String, Integer> delta(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> d = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            int n = v - before.getOrDefault(k, 0);
            if (n != 0) {
                d.put(k, n);
            }
        });
        return d;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 0));
            return s.getLocalPort();
        }
    }

    /** Whether the fault landed mid-work, and what was observed when it did. */
    record FaultReport(boolean midWork, String detail) {
    }
}
