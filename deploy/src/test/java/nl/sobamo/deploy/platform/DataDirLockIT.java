package nl.sobamo.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another process holds the data directory: a start here is refused with that process's pid, and once that process
 * is killed (no shutdown hook, no release) the operating system frees the directory for the next run.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DataDirLockIT {

    @TempDir
    Path dir;

    @Test
    void aDirectoryHeldByAnotherProcessIsRefusedAndFreedWhenThatProcessIsKilled() throws Exception {
        Path dataDir = dir.resolve("data");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DataDirLockHolder.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).startsWith("locked ");

                assertThatThrownBy(() -> DataDirLock.acquire(dataDir))
                        .isInstanceOf(PlatformStartException.class)
                        .hasMessageContaining("another process: pid " + holder.pid())
                        .hasMessageContaining("--data-dir");

                holder.destroyForcibly(); // SIGKILL: the holder releases nothing itself
                assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
                    assertThat(lock.dataDir()).isEqualTo(dataDir);
                }
            });
        } finally {
            holder.destroyForcibly();
        }
    }
}
