package nl.sobamo.deploy.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.aggregate.stream.AggregateTopics;
import nl.sobamo.deploy.run.TableSnapshot;
import nl.sobamo.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The five compacted tables (indicators, positions, benchmarks, changes, freshness) as a read_committed consumer sees them:
 * the latest value per key, each in a canonical text form without the fields that legitimately differ between two
 * runs over the same inputs. Those are the wall-clock fields: {@code fetchedAt} of a pushed record (when the API
 * accepted it) and what is derived from it ({@code dataAsOf}, {@code lastFetchedAt}), and {@code lastIngestedAt} /
 * {@code ingestedAt} (when normalize processed it). Everything else must be equal, row for row.
 */
public record TableState(Map<String, Map<String, String>> tables) {

    public static final Set<String> IGNORED_FIELDS = Set.of("fetchedAt", "dataAsOf", "lastFetchedAt", "lastIngestedAt",
            "ingestedAt");

    public static TableState read(String bootstrapServers, String registryUrl) {
        AggregateSerdes s = AggregateSerdes.forRegistry(registryUrl);
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        tables.put("indicators", canonical(TableSnapshot.read(bootstrapServers, Topics.TABLE_INDICATORS,
                s.indicatorKey().deserializer(), s.indicatorValue().deserializer())));
        tables.put("positions", canonical(TableSnapshot.read(bootstrapServers, Topics.TABLE_POSITIONS,
                s.indicatorKey().deserializer(), s.indicatorPosition().deserializer())));
        tables.put("benchmarks", canonical(TableSnapshot.read(bootstrapServers, Topics.TABLE_BENCHMARKS,
                s.benchmarkKey().deserializer(), s.benchmarkRow().deserializer())));
        tables.put("changes", canonical(TableSnapshot.read(bootstrapServers, AggregateTopics.TABLE_CHANGES,
                s.indicatorKey().deserializer(), s.indicatorChange().deserializer())));
        tables.put("freshness", canonical(TableSnapshot.read(bootstrapServers, AggregateTopics.TABLE_FRESHNESS,
                Serdes.String().deserializer(), s.freshness().deserializer())));
        return new TableState(tables);
    }

    private static Map<String, String> canonical(Map<?, ?> table) {
        Map<String, String> out = new TreeMap<>();
        table.forEach((k, v) -> out.put(text(k), text(v)));
        return out;
    }

    static String text(Object value) {
        return String.valueOf(strip(value));
    }

    private static Object strip(Object value) {
        if (value instanceof IndexedRecord r) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Schema.Field f : r.getSchema().getFields()) {
                if (!IGNORED_FIELDS.contains(f.name())) {
                    fields.put(f.name(), strip(r.get(f.pos())));
                }
            }
            return fields;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(strip(x)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), strip(v)));
            return out;
        }
        return value;
    }

    public int rows(String table) {
        return tables.get(table).size();
    }

    /** Differences against {@code expected}: per table the keys missing, extra or with another value (a few named). */
    public Diff diff(TableState expected) {
        Map<String, String> perTable = new LinkedHashMap<>();
        int differing = 0;
        for (var e : expected.tables.entrySet()) {
            Map<String, String> mine = tables.get(e.getKey());
            Set<String> missing = new TreeSet<>(e.getValue().keySet());
            missing.removeAll(mine.keySet());
            Set<String> extra = new TreeSet<>(mine.keySet());
            extra.removeAll(e.getValue().keySet());
            Set<String> changed = new TreeSet<>();
            e.getValue().forEach((k, v) -> {
                if (mine.containsKey(k) && !mine.get(k).equals(v)) {
                    changed.add(k);
                }
            });
            int n = missing.size() + extra.size() + changed.size();
            differing += n;
            if (n > 0) {
                perTable.put(e.getKey(), "missing " + missing.size() + " " + first(missing) + ", extra " + extra.size() + " "
                        + first(extra) + ", changed " + changed.size() + " " + first(changed)
                        + (changed.isEmpty() ? "" : " expected " + e.getValue().get(changed.iterator().next())
                        + " got " + mine.get(changed.iterator().next())));
            }
        }
        return new Diff(differing, perTable);
    }

    private static String first(Set<String> keys) {
        return keys.isEmpty() ? "" : keys.stream().limit(3).toList().toString();
    }

    /** Number of differing rows over all tables, and a description per table that differs. */
    public record Diff(int differingRows, Map<String, String> perTable) {
        public boolean equal() {
            return differingRows == 0;
        }
    }
}
