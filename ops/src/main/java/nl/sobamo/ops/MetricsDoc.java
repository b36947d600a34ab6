package nl.sobamo.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric catalogue in {@code docs/metrics.md}, for the tests that check every metric a service registers is
 * documented with its tags. A table row {@code | `name` | type | `tag1`, `tag2` | meaning |} documents one metric
 * and its tags; a name ending in {@code .*} documents a family registered by a Micrometer binder (JVM, Kafka
 * clients), whose tags are the binder's. {@link #COMMON_TAGS} are on every metric.
 */
public final class MetricsDoc {

    /** Tags every service's registry adds to every metric ({@link ServiceOps}). */
    public static final Set<String> COMMON_TAGS = Set.of("service");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9_.*]+)`\\s*\\|([^|]*)\\|([^|]*)\\|.*$");
    private static final Pattern TICKED = Pattern.compile("`([a-z0-9_]+)`");

    private final Map<String, Set<String>> metrics;
    private final List<String> families;

    private MetricsDoc(Map<String, Set<String>> metrics, List<String> families) {
        this.metrics = metrics;
        this.families = families;
    }

    public static MetricsDoc read(Path file) {
        Map<String, Set<String>> metrics = new HashMap<>();
        List<String> families = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher m = ROW.matcher(line.trim());
                if (!m.matches()) {
                    continue;
                }
                String name = m.group(1);
                if (name.endsWith(".*")) {
                    families.add(name.substring(0, name.length() - 1));
                    continue;
                }
                Set<String> tags = new LinkedHashSet<>();
                Matcher t = TICKED.matcher(m.group(3));
                while (t.find()) {
                    tags.add(t.group(1));
                }
                metrics.put(name, tags);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MetricsDoc(metrics, families);
    }

    /** Documented metric names (without the binder families). */
    public Set<String> names() {
        return new TreeSet<>(metrics.keySet());
    }

    /**
     * What in {@code registry} the document does not cover: undocumented names, and documented names registered
     * with a tag the document does not list. Empty when everything is documented.
     */
    public Set<String> problems(MeterRegistry registry) {
        Set<String> problems = new TreeSet<>();
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            if (families.stream().anyMatch(name::startsWith)) {
                continue;
            }
            Set<String> documented = metrics.get(name);
            if (documented == null) {
                problems.add(name + ": not in docs/metrics.md");
                continue;
            }
            for (Tag tag : meter.getId().getTagsAsIterable()) {
                if (!documented.contains(tag.getKey()) && !COMMON_TAGS.contains(tag.getKey())) {
                    problems.add(name + ": tag " + tag.getKey() + " not in docs/metrics.md");
                }
            }
        }
        return problems;
    }
}
