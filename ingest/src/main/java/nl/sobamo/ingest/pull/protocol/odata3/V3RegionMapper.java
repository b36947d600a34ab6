package nl.sobamo.ingest.pull.protocol.odata3;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import nl.sobamo.ingest.pull.MapperContext;
import nl.sobamo.ingest.pull.RecordMapper;
import nl.sobamo.ingest.pull.RecordSink;
import nl.sobamo.ingest.pull.Rows;
import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.ingest.pull.protocol.odata.CbsValues;
import nl.sobamo.ingest.records.Reasons;

/**
 * One record per region from a CBS v3 regional table in wide format (KWB {@code TypedDataSet}, Gebieden in
 * Nederland): the geo dimension (found in DataProperties: {@code WijkenEnBuurten}, {@code RegioS}) gives the area
 * code, every topic key becomes a field. A numeric topic holding text dead-letters the row. National and provincial
 * rows are skipped ({@code AGGREGATE_ROW}).
 */
public final class V3RegionMapper implements RecordMapper {

    private final MapperContext context;
    private final String geoKey;
    private final String timeKey;
    private final Set<String> numeric;

    public V3RegionMapper(MapperContext context, String defaultGeoKey) {
        this.context = context;
        TableMetadata m = context.metadata();
        this.geoKey = m.firstOfKind("GeoDetail").or(() -> m.firstOfKind("GeoDimension"))
                .map(TableMetadata.Property::key).orElse(defaultGeoKey);
        this.timeKey = m.firstOfKind("TimeDimension").map(TableMetadata.Property::key).orElse(null);
        this.numeric = m.properties().stream().filter(TableMetadata.Property::isNumeric)
                .map(TableMetadata.Property::key).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void accept(Row row, RecordSink out) {
        String code = CbsValues.trim(row.get(geoKey));
        if (code == null || code.isEmpty()) {
            out.deadLetter(row, null, geoKey, "missing region code " + geoKey);
            return;
        }
        String period = timeKey != null && row.get(timeKey) != null ? CbsValues.period(row.get(timeKey))
                : context.metadata().period();
        if (period == null || period.isEmpty()) {
            out.deadLetter(row, null, timeKey, "no period: neither a time dimension nor TableInfos Period");
            return;
        }
        String recordId = context.recordId(period, code);
        if (CbsValues.isAggregate(code)) {
            out.skip(Reasons.AGGREGATE_ROW);
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : row.cells().entrySet()) {
            String key = e.getKey();
            if (key.equals("ID") || key.equals(geoKey) || key.equals(timeKey)) {
                continue;
            }
            if (numeric.contains(key) && !Rows.numericOrMissing(e.getValue())) {
                out.deadLetter(row, recordId, key, key + " is '" + e.getValue() + "', expected a number");
                return;
            }
            fields.put(key, e.getValue());
        }
        out.record(context.record(recordId, period, code, fields, row, row.location()));
    }
}
