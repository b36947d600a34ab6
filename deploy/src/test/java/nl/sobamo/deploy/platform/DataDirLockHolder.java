package nl.sobamo.deploy.platform;

import java.nio.file.Path;

/**
 * Test helper run as a separate JVM by {@code DataDirLockIT}: locks the directory given as the argument, says so on
 * standard output and holds the lock until standard input closes or the process is killed.
 */
public final class DataDirLockHolder {

    private DataDirLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (DataDirLock lock = DataDirLock.acquire(Path.of(args[0]))) {
            System.out.println("locked " + lock.dataDir());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our input
            }
        }
    }
}
