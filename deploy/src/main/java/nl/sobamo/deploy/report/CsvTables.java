package nl.sobamo.deploy.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import nl.sobamo.aggregate.export.ExportTable;
import nl.sobamo.aggregate.export.TableCsv;
import nl.sobamo.aggregate.query.Json;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.catalog.IndicatorReferences;
import nl.sobamo.normalize.area.AreaHarmonizer;
import nl.sobamo.normalize.reference.AreaReferences;
import nl.sobamo.schemas.IndicatorReference;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes the indicator and benchmark tables of a run as CSV through the same writer and columns as the query API's
 * exports ({@link TableCsv}, {@link ExportTable}), so {@code out/indicators.csv} equals
 * {@code /api/v1/export/indicators.csv} of the same tables. Names come from the bundled catalog (the content of
 * {@code sobamo.reference.indicators.v1}) and the municipality reference.
 */
public final class CsvTables {

    private final Function<String, String> municipalityNames;
    private final Map<String, IndicatorReference> indicators;

    /**
     * Municipality names as the area reference topic carries them (normalize's bundled reference), so the runner's
     * export names municipalities exactly as the query API's does.
     */
    public static CsvTables withBundledNames() {
        Map<String, String> names = new java.util.HashMap<>();
        AreaReferences.bundled(AreaHarmonizer.loadDefault()).forEach(a -> names.put(a.getCode(), a.getName()));
        return new CsvTables(names::get);
    }

    public CsvTables(Function<String, String> municipalityNames) {
        this.municipalityNames = municipalityNames;
        this.indicators = new java.util.HashMap<>();
        IndicatorReferences.of(IndicatorCatalog.loadDefault()).forEach(r -> indicators.put(r.getIndicatorId(), r));
    }

    /** Writes {@code <table>.csv} into {@code dir}; returns the file. */
    public Path write(Path dir, ExportTable table, Collection<? extends SpecificRecord> values) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>(values.size());
        for (SpecificRecord value : values) {
            Map<String, Object> row = Json.row(value);
            if (table.hasMunicipalityName()) {
                row.put(ExportTable.MUNICIPALITY_NAME, municipalityNames.apply(String.valueOf(row.get("municipalityCode"))));
            }
            if (table.hasIndicatorNames()) {
                IndicatorReference reference = indicators.get(String.valueOf(row.get("indicatorId")));
                row.put(ExportTable.INDICATOR_NAME_NL, reference == null ? null : reference.getNameNl());
                row.put(ExportTable.INDICATOR_NAME_EN, reference == null ? null : reference.getNameEn());
            }
            rows.add(row);
        }
        Path file = dir.resolve(table.id() + ".csv");
        Files.writeString(file, TableCsv.write(table, rows), StandardCharsets.UTF_8);
        return file;
    }
}
