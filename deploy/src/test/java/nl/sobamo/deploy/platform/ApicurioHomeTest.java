package nl.sobamo.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioHomeTest {

    private static final String RUNNER = "apicurio-registry-app-2.6.13.Final-runner.jar";

    @TempDir
    Path dir;

    @Test
    void findsTheRunnerJarInAConfiguredHome() throws Exception {
        Files.createFile(dir.resolve(RUNNER));

        ApicurioHome home = ApicurioHome.locate(dir);

        assertThat(home.dir()).isEqualTo(dir.toAbsolutePath());
        assertThat(home.runnerJar()).isEqualTo(dir.resolve(RUNNER).toAbsolutePath());
    }

    @Test
    void aConfiguredHomeWithoutRunnerJarIsAnErrorThatSaysWhatToDo() {
        assertThatThrownBy(() -> ApicurioHome.locate(dir.resolve("missing")))
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining(dir.resolve("missing").toString())
                .hasMessageContaining(PlatformConfig.APICURIO_HOME)
                .hasMessageContaining("SOBAMO_REGISTRY_APICURIO_HOME")
                .hasMessageContaining("./mvnw -B package -DskipTests");
    }

    @Test
    void twoRunnerJarsAreAmbiguous() throws Exception {
        Files.createFile(dir.resolve(RUNNER));
        Files.createFile(dir.resolve("apicurio-registry-app-2.6.12.Final-runner.jar"));

        assertThatThrownBy(() -> ApicurioHome.at(dir))
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("More than one");
    }

    @Test
    void looksNextToTheCodeAndUnderTheWorkingDirectory() {
        // Unit tests run from target/test-classes; the main code comes from target/classes.
        assertThat(ApicurioHome.defaultCandidates(dir)).containsSubsequence(
                dir.resolve("deploy/target/apicurio"), dir.resolve("target/apicurio"));
        assertThat(ApicurioHome.defaultCandidates(dir).get(0).getFileName()).hasToString("apicurio");
        assertThat(ApicurioHome.defaultCandidates(dir).get(0).getParent().getFileName()).hasToString("target");
    }
}
