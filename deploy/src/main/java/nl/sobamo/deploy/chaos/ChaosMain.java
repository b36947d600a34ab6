package nl.sobamo.deploy.chaos;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

import nl.sobamo.deploy.process.HarnessLayout;

/**
 * {@code bin/sobamo-chaos}: the pipeline as separate processes from the production image's classpath, one fault per
 * round, and a verdict. Prints one line per round and ends with one JSON line; exits 0 only if every round held.
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(Arrays.asList(args), Path.of("target", "chaos-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Ctrl-C must not leave brokers and services behind: they are this JVM's children
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroyForcibly), "chaos-children-stop"));
        HarnessLayout layout = HarnessLayout.ofCheckout(Path.of(System.getProperty("sobamo.repo", "."))).requireBuilt();
        ChaosOutcome outcome = new ChaosRun(layout, options, System.out).run();
        System.out.println(outcome.json());
        System.exit(outcome.held() ? 0 : 1);
    }
}
