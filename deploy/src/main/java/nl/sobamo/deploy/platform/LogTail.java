package nl.sobamo.deploy.platform;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file, to put into an error message. */
final class LogTail {

    /** Enough for a stack trace's top frames, without reading a huge file whole. */
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** Up to {@code maxLines} last lines, each indented, or a note why there are none. */
    static String of(Path file, int maxLines) {
        if (!Files.isRegularFile(file)) {
            return "  (" + file + " does not exist)";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (size < length && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first line was cut in half
            }
            List<String> tail = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            if (tail.isEmpty()) {
                return "  (" + file + " is empty)";
            }
            StringBuilder out = new StringBuilder();
            tail.forEach(line -> out.append("  | ").append(line).append(System.lineSeparator()));
            return out.toString().stripTrailing();
        } catch (IOException e) {
            return "  (cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
