package nl.sobamo.testkit.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.Topology;

/**
 * Golden-file check of a topology's description. The description names every processor, store, repartition and
 * changelog topic; an unnoticed change there (a renamed or added operator) changes internal topic and store names,
 * which breaks a rolling upgrade or strands state. The check makes every such change a reviewed diff of
 * {@code src/test/resources/topology/<name>.txt}. See docs/architecture-topologies.md.
 */
public final class TopologyGolden {

    /** Run with {@code -Dsobamo.topology.update=true} to rewrite the golden files instead of comparing. */
    public static final String UPDATE_PROPERTY = "sobamo.topology.update";
    /** Where the golden files live, relative to the module (the working directory of Maven's test runs). */
    public static final Path DIRECTORY = Path.of("src", "test", "resources", "topology");

    private static final Pattern GENERATED_NAME = Pattern.compile("\\b(KSTREAM|KTABLE)-[A-Z-]+-\\d+");

    private TopologyGolden() {
    }

    /**
     * Compares {@code topology.describe()} with {@code src/test/resources/topology/<name>.txt}, or rewrites that
     * file when {@value #UPDATE_PROPERTY} is true.
     *
     * @throws AssertionError on a difference, saying how to accept it deliberately
     */
    public static void assertMatches(Topology topology, String name) {
        String actual = describe(topology);
        Path file = DIRECTORY.resolve(name + ".txt");
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("no golden topology " + file.toAbsolutePath() + "; create it with "
                        + howToUpdate() + "\n" + actual);
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                throw new AssertionError("topology '" + name + "' differs from " + file + ". A changed topology changes "
                        + "internal topic and store names: if the change is deliberate, rewrite the file with "
                        + howToUpdate() + ", review its diff and commit it (see docs/architecture-topologies.md).\n"
                        + firstDifference(expected, actual) + "\n--- actual ---\n" + actual);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Auto-generated operator names ({@code KSTREAM-MAP-0000000004} and the like) in the description. */
    public static List<String> generatedNames(Topology topology) {
        Matcher m = GENERATED_NAME.matcher(describe(topology));
        return m.results().map(r -> r.group()).distinct().toList();
    }

    /** The description as compared: trailing blanks stripped, so editors cannot break the golden files. */
    public static String describe(Topology topology) {
        return topology.describe().toString().lines().map(String::stripTrailing)
                .reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'), StringBuilder::append).toString();
    }

    private static String howToUpdate() {
        return "-D" + UPDATE_PROPERTY + "=true (e.g. ./mvnw -pl <module> -am verify -Dtest=<Test> -D" + UPDATE_PROPERTY
                + "=true -Dsurefire.failIfNoSpecifiedTests=false)";
    }

    private static String firstDifference(String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : "<end>";
            String al = i < a.size() ? a.get(i) : "<end>";
            if (!el.equals(al)) {
                return "first difference at line " + (i + 1) + ":\n  expected: " + el + "\n  actual:   " + al;
            }
        }
        return "difference in line endings only";
    }
}
