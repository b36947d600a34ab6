package nl.sobamo.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Uses {@code sh} stand-ins whose command lines look like (or unlike) an orphaned registry. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RegistryPidFileTest {

    private static final String RUNNER = "apicurio-registry-app-2.6.13.Final-runner.jar";

    @TempDir
    Path dir;

    private Process standIn;

    @AfterEach
    void killStandIn() {
        if (standIn != null) {
            standIn.destroyForcibly();
        }
    }

    @Test
    void stopsAnOrphanedRegistryOfThisDataDirectory() throws Exception {
        String marker = "jdbc:h2:file:" + dir.resolve("registry");
        standIn = startStandIn(RUNNER, marker);
        RegistryPidFile pidFile = new RegistryPidFile(dir);
        pidFile.write(standIn.pid());

        pidFile.stopOrphan(RUNNER, marker);

        assertThat(standIn.toHandle().onExit()).succeedsWithin(Duration.ofSeconds(15));
        assertThat(dir.resolve("registry.pid")).doesNotExist();
    }

    @Test
    void leavesAnUnrelatedProcessWithARecycledPidAlone() throws Exception {
        standIn = startStandIn("something-else.jar", "jdbc:h2:file:/elsewhere");
        RegistryPidFile pidFile = new RegistryPidFile(dir);
        pidFile.write(standIn.pid());

        pidFile.stopOrphan(RUNNER, "jdbc:h2:file:" + dir.resolve("registry"));

        assertThat(standIn.isAlive()).isTrue();
        assertThat(dir.resolve("registry.pid")).doesNotExist();
    }

    /**
     * {@code sh -c} puts the extra arguments on its command line. It waits in the builtin
     * {@code read} on its stdin pipe, so killing it leaves no grandchild behind.
     */
    private static Process startStandIn(String... arguments) throws Exception {
        String[] command = new String[4 + arguments.length];
        command[0] = "sh";
        command[1] = "-c";
        command[2] = "read line";
        command[3] = "stand-in";
        System.arraycopy(arguments, 0, command, 4, arguments.length);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
