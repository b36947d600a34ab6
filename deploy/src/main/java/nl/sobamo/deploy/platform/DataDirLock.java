package nl.sobamo.deploy.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One embedded platform per data directory, held for as long as the platform runs. Without it a second run on the
 * same directory took the first run's registry for an orphan and stopped it ({@link RegistryPidFile}), then failed on
 * Kafka's own directory lock, which halts the JVM before shutdown hooks run and so left its own registry behind: the
 * first run broken, a stray process, and a Kafka stack trace as the only explanation.
 *
 * <p>An operating-system file lock on {@code <dataDir>/sobamo.lock}: the OS drops it when the process ends in any way
 * (SIGKILL and crashes too), so a run that died never blocks the next. The file records who holds it, for the message
 * the refused run prints.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE_NAME = "sobamo.lock";
    /**
     * Directories locked by this JVM. Checked before a channel is opened: on Linux, closing any channel of a file
     * releases every lock this process holds on it, so a refused second platform in the same JVM must not even open
     * the file (see {@link FileLock}).
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the directory (creating it if needed).
     *
     * @throws PlatformStartException when another run, in this process or another, holds it
     */
    static DataDirLock acquire(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!HELD_HERE.add(dir)) {
            throw inUse(dir, "another platform in this process");
        }
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(file);
                channel.close();
                HELD_HERE.remove(dir);
                throw inUse(dir, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new DataDirLock(dir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD_HERE.remove(dir);
            throw new PlatformStartException("Cannot lock the data directory " + dir + " (" + file + "): " + e, e);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    /** Releases the lock; the file stays (deleting it would race with a run that just opened it). Idempotent. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release the lock on " + dataDir, e);
        } finally {
            HELD_HERE.remove(dataDir);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another channel of this JVM: HELD_HERE normally catches that first
        }
    }

    /** What the holder wrote ("pid 1234, since ..."), or a plain description when it cannot be read. */
    private static String holder(Path file) {
        try {
            String written = Files.readString(file, StandardCharsets.UTF_8).trim();
            return written.isEmpty() ? "another process" : "another process: " + written;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static PlatformStartException inUse(Path dir, String holder) {
        return new PlatformStartException("The data directory " + dir + " is in use by " + holder
                + ". Stop that run first (Ctrl-C), or give this one a directory of its own: --data-dir DIR, or "
                + "SOBAMO_DATA_DIR / -D" + PlatformConfig.DATA_DIR + "=DIR.");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing with the cause that matters
            }
        }
    }
}
