package nl.sobamo.ingest.pull.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.sobamo.ingest.pull.MapperContext;
import nl.sobamo.ingest.pull.RecordMapper;
import nl.sobamo.ingest.pull.RecordSink;
import nl.sobamo.ingest.pull.Rows;
import nl.sobamo.ingest.pull.protocol.Row;

/**
 * Leefbaarometer 3.0 score files ({@code <level>_code, <level>_naam, jaar, lbm, afw, fys, onv, soc, vrz, won}) for
 * gemeenten, wijken or buurten: one record per area and year with the score columns as fields.
 */
public final class LeefbaarometerMapper implements RecordMapper {

    static final List<String> CODE_COLUMNS = List.of("gm_code", "wk_code", "bu_code");
    static final List<String> SCORES = List.of("lbm", "afw", "fys", "onv", "soc", "vrz", "won");

    private final MapperContext context;

    public LeefbaarometerMapper(MapperContext context) {
        this.context = context;
    }

    @Override
    public void accept(Row row, RecordSink out) {
        String code = CODE_COLUMNS.stream().map(row::get).filter(c -> c != null && !c.isBlank()).findFirst()
                .orElse(null);
        String year = row.get("jaar");
        if (code == null) {
            out.deadLetter(row, null, "wk_code", "no area code (gm_code, wk_code or bu_code)");
            return;
        }
        if (year == null || !year.matches("\\d{4}")) {
            out.deadLetter(row, null, "jaar", "jaar is '" + year + "', expected a year");
            return;
        }
        String recordId = context.recordId(year, code);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String score : SCORES) {
            if (!row.cells().containsKey(score)) {
                continue;
            }
            String v = row.get(score);
            if (!Rows.numericOrMissing(v)) {
                out.deadLetter(row, recordId, score, score + " is '" + v + "', expected a number");
                return;
            }
            fields.put(score, v);
        }
        out.record(context.record(recordId, year, code, fields, row, row.location()));
    }
}
