package nl.sobamo.aggregate.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV of JSON-ready rows: one column per top-level field (union over the rows, first-seen order);
 * lists of source references become their record ids joined by ';', other nested values their JSON text.
 */
public final class Csv {

    private Csv() {
    }

    public static String of(List<Map<String, Object>> rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        StringBuilder out = new StringBuilder();
        out.append(columns.stream().map(Csv::quote).collect(Collectors.joining(","))).append("\r\n");
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>(columns.size());
            for (String c : columns) {
                cells.add(quote(cell(row.get(c))));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Collection<?> c && c.stream().allMatch(x -> x instanceof Map<?, ?> m && m.containsKey("sourceRecordId"))) {
            return c.stream().map(x -> String.valueOf(((Map<?, ?>) x).get("sourceRecordId"))).collect(Collectors.joining(";"));
        }
        if (v instanceof Collection<?> || v instanceof Map<?, ?>) {
            return Json.write(v);
        }
        return String.valueOf(v);
    }

    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
