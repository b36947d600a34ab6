package nl.sobamo.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import nl.sobamo.deploy.chaos.ChaosOptions;
import nl.sobamo.deploy.chaos.ChaosOutcome;
import nl.sobamo.deploy.chaos.ChaosRun;
import nl.sobamo.deploy.chaos.Fault;
import nl.sobamo.deploy.chaos.RoundResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short form of bin/sobamo-chaos inside verify: the services as processes from deploy/target/image/lib, a small
 * synthetic load on top of the bundled data, then kill -9 of aggregate mid-load (restarted; tables equal the
 * fault-free run) and a registry outage during pushes (no false 202: every accepted push is on the raw topic).
 */
class ChaosIT {

    @TempDir
    Path runDir;

    @Test
    void killedStreamsServiceAndRegistryOutageLoseNothing() throws Exception {
        ChaosOptions options = new ChaosOptions(3_000, List.of(Fault.KILL_AGGREGATE, Fault.REGISTRY_OUTAGE), 6, 10, 7L,
                Duration.ofSeconds(10), 3, runDir, Duration.ofMinutes(5));
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        HarnessLayout layout = HarnessLayout.ofCheckout(Path.of("..")).requireBuilt();

        ChaosOutcome outcome = new ChaosRun(layout, options, new PrintStream(lines, true, StandardCharsets.UTF_8)).run();

        String report = lines.toString(StandardCharsets.UTF_8) + outcome.json();
        RoundResult kill = outcome.rounds().get(0);
        RoundResult outage = outcome.rounds().get(1);
        assertThat(kill.reconciliation().rawIn()).as(report).isGreaterThan(3_000);
        assertThat(kill.reconciliation().holds()).as(report).isTrue();
        assertThat(kill.tables().equal()).as(report).isTrue();
        assertThat(outage.reconciliation().missingPushes()).as("every 202 is on the raw topic\n" + report).isZero();
        assertThat(outage.pushStatuses()).as(report).containsKey("202")
                .allSatisfy((status, n) -> assertThat(status).isIn("202", "503", "no-answer"));
        assertThat(outage.held()).as(report).isTrue();
        assertThat(outcome.lost()).as(report).isZero();
        assertThat(outcome.duplicated()).as(report).isZero();
        assertThat(outcome.tablesEqual()).as(report).isTrue();
    }
}
