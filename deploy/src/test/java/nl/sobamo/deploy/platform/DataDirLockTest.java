package nl.sobamo.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One platform per data directory within this JVM; {@code DataDirLockIT} covers another process holding it. */
class DataDirLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLockOnTheSameDirectoryIsRefusedUntilTheFirstIsReleased() {
        Path dataDir = dir.resolve("data");
        DataDirLock first = DataDirLock.acquire(dataDir);
        assertThat(dataDir.resolve(DataDirLock.FILE_NAME)).content().startsWith("pid " + ProcessHandle.current().pid());

        assertThatThrownBy(() -> DataDirLock.acquire(dataDir.resolve("..").resolve("data")))
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining(dataDir.toString())
                .hasMessageContaining("another platform in this process")
                .hasMessageContaining("--data-dir");
        // the refused attempt did not release the holder's lock (closing any channel of the file would, on Linux)
        assertThatThrownBy(() -> DataDirLock.acquire(dataDir)).isInstanceOf(PlatformStartException.class);

        first.close();
        first.close(); // idempotent
        try (DataDirLock again = DataDirLock.acquire(dataDir)) {
            assertThat(again.dataDir()).isEqualTo(dataDir);
        }
    }

    @Test
    void otherDirectoriesAreIndependent() {
        try (DataDirLock a = DataDirLock.acquire(dir.resolve("a")); DataDirLock b = DataDirLock.acquire(dir.resolve("b"))) {
            assertThat(Files.isRegularFile(dir.resolve("a").resolve(DataDirLock.FILE_NAME))).isTrue();
            assertThat(b.dataDir()).isNotEqualTo(a.dataDir());
        }
    }
}
