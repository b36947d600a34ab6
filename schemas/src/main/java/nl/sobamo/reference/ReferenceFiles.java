package nl.sobamo.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads a reference file bundled on the classpath; one that is missing or unreadable fails at startup. */
public final class ReferenceFiles {

    /** Reads the file's content (UTF-8). */
    @FunctionalInterface
    public interface Parser<T> {
        T read(Reader reader) throws IOException;
    }

    private ReferenceFiles() {
    }

    /** @param name what the file is, for the error, e.g. {@code Municipality} */
    public static <T> T load(String resource, String name, Parser<T> parser) {
        try (InputStream in = ReferenceFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(name + " reference not found on the classpath: " + resource);
            }
            return parser.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
