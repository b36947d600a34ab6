package nl.sobamo.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure handling, with a fake distribution: no real registry is started here. */
class ApicurioRegistryTest {

    @TempDir
    Path dir;

    @Test
    void aRegistryThatExitsEarlyFailsWithTheEndOfItsLog() throws Exception {
        Path home = Files.createDirectories(dir.resolve("apicurio"));
        // Not a jar at all, so `java -jar` exits at once and says so on stderr.
        Files.writeString(home.resolve("apicurio-registry-app-0.0.0-runner.jar"), "not a jar");
        ApicurioRegistry registry = new ApicurioRegistry(
                ApicurioHome.locate(home), dir.resolve("data"), 0, Duration.ofSeconds(30));

        assertThatThrownBy(registry::start)
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("registry.log")
                .hasMessageContaining("jarfile"); // from the JVM's own error, via the log tail
        assertThat(dir.resolve("data/registry/registry.pid")).doesNotExist();
        registry.close(); // still safe after a failed start
    }

    @Test
    void aConfiguredPortInUseIsReportedWithTheSettingName() throws Exception {
        Path home = Files.createDirectories(dir.resolve("apicurio"));
        Files.createFile(home.resolve("apicurio-registry-app-0.0.0-runner.jar"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ApicurioRegistry registry = new ApicurioRegistry(
                    ApicurioHome.locate(home), dir.resolve("data"), taken.getLocalPort(), Duration.ofSeconds(30));

            assertThatThrownBy(registry::start)
                    .isInstanceOf(PlatformStartException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()))
                    .hasMessageContaining(PlatformConfig.REGISTRY_PORT);
        }
    }

    @Test
    void runsTheRegistryWithTheCurrentJavaAndAFileDatabase() throws Exception {
        Path home = Files.createDirectories(dir.resolve("apicurio"));
        Files.createFile(home.resolve("apicurio-registry-app-0.0.0-runner.jar"));
        ApicurioRegistry registry = new ApicurioRegistry(
                ApicurioHome.locate(home), dir.resolve("data"), 0, Duration.ofSeconds(30));

        assertThat(registry.databaseUrl()).isEqualTo("jdbc:h2:file:" + dir.resolve("data/registry/registry").toAbsolutePath());
        assertThat(registry.command().get(0)).startsWith(System.getProperty("java.home"));
        assertThat(registry.command()).contains("-Xmx256m", "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.datasource.jdbc.url=" + registry.databaseUrl());
        assertThat(registry.command()).endsWith("-jar", home.resolve("apicurio-registry-app-0.0.0-runner.jar").toAbsolutePath().toString());
    }
}
