package nl.sobamo.deploy.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the registry child's pid in {@code <registry dir>/registry.pid}.
 *
 * <p>Shutdown hooks do not run when the parent JVM is killed with SIGKILL (or crashes), and the
 * JDK cannot make a child die with its parent. The orphaned registry would keep its port and,
 * worse, the lock on the H2 database file, so the next start would fail. The pid file lets that
 * next start find and stop the orphan first.
 */
final class RegistryPidFile {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryPidFile.class);

    private final Path file;

    RegistryPidFile(Path registryDir) {
        this.file = registryDir.resolve("registry.pid");
    }

    void write(long pid) throws IOException {
        Files.writeString(file, Long.toString(pid), StandardCharsets.UTF_8);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}", file, e);
        }
    }

    /**
     * Stops a registry left running by an earlier, abruptly ended parent. Only a live process whose
     * command line shows it is an Apicurio runner using this very data directory is touched, so a
     * recycled pid belonging to something else is left alone.
     *
     * @param runnerJarName the runner jar's file name
     * @param dataMarker    a string only our registry's command line contains (its database path)
     */
    void stopOrphan(String runnerJarName, String dataMarker) {
        Optional<ProcessHandle> orphan = readPid()
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine()
                        .map(cmd -> cmd.contains(runnerJarName) && cmd.contains(dataMarker))
                        .orElse(false));
        if (orphan.isPresent()) {
            ProcessHandle handle = orphan.get();
            LOG.warn("Stopping Apicurio Registry (pid {}) left running by an earlier run that did not shut down",
                    handle.pid());
            ChildProcesses.stop(handle, ApicurioRegistry.STOP_GRACE);
        }
        delete();
    }

    private Optional<Long> readPid() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Ignoring unreadable {}", file, e);
            return Optional.empty();
        }
    }
}
