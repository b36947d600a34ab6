package nl.sobamo.aggregate.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorChange;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.SourceFreshness;
import org.apache.avro.Schema;

/**
 * The exported tables and their columns: the fields of the table's Avro value in schema order, plus the names a
 * reader needs beside the codes (the municipality's name after its code, the indicator's Dutch and English names
 * at the end). The query API's {@code /api/v1/export/<table>.csv} and the local runner's {@code out/<table>.csv}
 * both write these columns through {@link TableCsv}, so the two exports of the same table are the same file.
 */
public enum ExportTable {

    INDICATORS("indicators", IndicatorValue.getClassSchema(), true, true,
            List.of("indicatorId", "period", "municipalityCode")),
    BENCHMARKS("benchmarks", BenchmarkRow.getClassSchema(), false, true,
            List.of("indicatorId", "period", "groupType", "groupValue")),
    CHANGES("changes", IndicatorChange.getClassSchema(), true, true,
            List.of("indicatorId", "toPeriod", "municipalityCode", "fromPeriod")),
    FRESHNESS("freshness", SourceFreshness.getClassSchema(), false, false, List.of("source", "dataset"));

    public static final String MUNICIPALITY_NAME = "municipalityName";
    public static final String INDICATOR_NAME_NL = "indicatorNameNl";
    public static final String INDICATOR_NAME_EN = "indicatorNameEn";

    private final String id;
    private final List<String> columns;
    private final List<String> sortKey;

    ExportTable(String id, Schema value, boolean municipalityName, boolean indicatorNames, List<String> sortKey) {
        this.id = id;
        List<String> cols = new ArrayList<>();
        for (Schema.Field f : value.getFields()) {
            cols.add(f.name());
            if (municipalityName && f.name().equals("municipalityCode")) {
                cols.add(MUNICIPALITY_NAME);
            }
        }
        if (indicatorNames) {
            cols.add(INDICATOR_NAME_NL);
            cols.add(INDICATOR_NAME_EN);
        }
        this.columns = List.copyOf(cols);
        this.sortKey = sortKey;
    }

    /** e.g. {@code indicators}: the export's path segment and file name. */
    public String id() {
        return id;
    }

    public List<String> columns() {
        return columns;
    }

    /** The columns rows are sorted by, so two exports of the same table are byte-identical. */
    public List<String> sortKey() {
        return sortKey;
    }

    /** Whether rows of this table carry a municipality whose name belongs beside its code. */
    public boolean hasMunicipalityName() {
        return columns.contains(MUNICIPALITY_NAME);
    }

    /** Whether rows of this table name an indicator whose catalog names belong at the end. */
    public boolean hasIndicatorNames() {
        return columns.contains(INDICATOR_NAME_NL);
    }

    public static Optional<ExportTable> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
