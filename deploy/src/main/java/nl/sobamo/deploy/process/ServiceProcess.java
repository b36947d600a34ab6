package nl.sobamo.deploy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One service as an OS process of its own: {@code java $JAVA_OPTS -cp <classpath> <main> <args>} with an explicit
 * environment, the way the image's entry point runs it. Output goes to {@code <name>.log} in the run directory,
 * appended across restarts with a marker line per start, so a round's log shows the kill and the restart.
 */
public final class ServiceProcess {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ServiceCommand command;
    private final Path logFile;
    private Process process;
    private int starts;

    public ServiceProcess(ServiceCommand command, Path runDir) {
        this.command = command;
        this.logFile = runDir.resolve(command.name() + ".log");
    }

    public String name() {
        return command.name();
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the process; it must not be running. */
    public synchronized ServiceProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name() + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(command.workDir());
            Files.writeString(logFile, "=== start " + (++starts) + " of " + name() + " at " + Instant.now() + " ===\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command.commandLine())
                    .directory(command.workDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            // only what the manifest gives (plus the harness's overrides), not the harness's own SOBAMO_* variables
            builder.environment().keySet().removeIf(k -> k.startsWith("SOBAMO_") || k.equals("JAVA_OPTS"));
            builder.environment().putAll(command.environment());
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name(), e);
        }
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no flush, no transaction abort. Waits until it is gone. */
    public synchronized void kill9() {
        if (process == null) {
            return;
        }
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        handle.onExit().join();
    }

    /** SIGTERM (the orchestrator's stop), then SIGKILL after a grace period. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                kill9();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill9();
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Exit code once the process has ended. */
    public synchronized Optional<Integer> exitCode() {
        return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** How often it was started, restarts included. */
    public synchronized int starts() {
        return starts;
    }

    /** Waits until a one-shot process (ingest) has exited; returns its exit code. */
    public int awaitExit(Duration timeout) {
        Process p;
        synchronized (this) {
            p = process;
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Deadline.ConditionTimeoutException(name() + " did not exit within " + timeout.toSeconds() + " s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Deadline.ConditionTimeoutException("interrupted while waiting for " + name());
        }
    }

    /** True once a line of the current log contains {@code text}. */
    public boolean logContains(String text) {
        try {
            return Files.readString(logFile, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of the log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            return String.join("\n", new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** What to run: a name, the java command line, the environment and the working directory. */
    public record ServiceCommand(String name, List<String> commandLine, Map<String, String> environment, Path workDir) {
        public ServiceCommand {
            commandLine = List.copyOf(commandLine);
            environment = Map.copyOf(environment);
        }
    }
}
