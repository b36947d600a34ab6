package nl.sobamo.aggregate.export;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import nl.sobamo.aggregate.query.Json;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer of sobamo's tables (RFC 4180 through commons-csv), over JSON-ready rows as {@link Json#row}
 * makes them. Cells: missing values empty; numbers in plain decimal notation at full precision (no 1.5E7);
 * provenance lists as {@code source:dataset:period:recordId} joined by {@code " + "}, so each published number
 * names its source records; other nested values as their JSON text.
 */
public final class TableCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private TableCsv() {
    }

    /** An exported table: its fixed columns, rows sorted by the table's key. */
    public static String write(ExportTable table, List<Map<String, Object>> rows) {
        Comparator<Map<String, Object>> order = null;
        for (String key : table.sortKey()) {
            Comparator<Map<String, Object>> next = Comparator.comparing(r -> String.valueOf(r.get(key)));
            order = order == null ? next : order.thenComparing(next);
        }
        return print(table.columns(), rows.stream().sorted(order).toList());
    }

    /** Any other list of rows: one column per field (union over the rows, first-seen order), rows as given. */
    public static String write(List<Map<String, Object>> rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        return print(List.copyOf(columns), rows);
    }

    private static String print(List<String> columns, List<Map<String, Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT.builder().setHeader(columns.toArray(String[]::new)).get())) {
            for (Map<String, Object> row : rows) {
                for (String column : columns) {
                    csv.print(cell(row.get(column)));
                }
                csv.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV to memory", e);
        }
        return out.toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : String.valueOf(d);
        }
        if (value instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(TableCsv::isSourceRef)) {
            return c.stream().map(x -> (Map<?, ?>) x)
                    .map(s -> s.get("source") + ":" + s.get("dataset") + ":" + s.get("period") + ":" + s.get("sourceRecordId"))
                    .distinct().collect(Collectors.joining(" + "));
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return Json.write(value);
        }
        return String.valueOf(value);
    }

    private static boolean isSourceRef(Object x) {
        return x instanceof Map<?, ?> m && m.containsKey("sourceRecordId") && m.containsKey("dataset");
    }
}
