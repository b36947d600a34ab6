package nl.sobamo.ingest.pull.protocol.odata4;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import nl.sobamo.ingest.pull.MapperContext;
import nl.sobamo.ingest.pull.RecordMapper;
import nl.sobamo.ingest.pull.RecordSink;
import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.ingest.pull.protocol.RowPosition;
import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.ingest.pull.protocol.odata.CbsValues;
import nl.sobamo.ingest.records.Reasons;

/**
 * Pivots v4 {@code Observations} (one row per measure and region) into one record per region (and period, when the
 * table has a time dimension), with the measure identifiers as field keys, or the names a source gives them (KWB:
 * the v3 keys, docs/raw-records.md).
 *
 * <p>CBS orders observations measure by measure, so a region is complete only after the last page: the pivot holds
 * every region until {@link #finish}. A resumed pull therefore restarts such a table at its first row (reported by
 * {@link #firstPending()}), which costs a re-read but never a lost or duplicated record. Rows naming a measure or a
 * region that the metadata does not list are dead-lettered.
 */
public final class V4RegionPivot implements RecordMapper {

    private final MapperContext context;
    private final String geoKey;
    private final String timeKey;
    private final Map<String, String> regions;
    private final Map<String, TableMetadata.Property> measures = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final java.util.Set<String> aggregates = new java.util.LinkedHashSet<>();
    private final Map<String, String> fieldNames;
    private RowPosition first;

    private static final class Group {
        final String code;
        final String period;
        final Row firstRow;
        final Map<String, String> fields = new LinkedHashMap<>();

        Group(String code, String period, Row firstRow) {
            this.code = code;
            this.period = period;
            this.firstRow = firstRow;
        }
    }

    public V4RegionPivot(MapperContext context) {
        this(context, Map.of());
    }

    /**
     * @param fieldNames the field name of a measure identifier (e.g. the v3 key the catalog reads); a measure not
     *                   named here is published under its identifier
     */
    public V4RegionPivot(MapperContext context, Map<String, String> fieldNames) {
        this.context = context;
        this.fieldNames = Map.copyOf(fieldNames);
        TableMetadata m = context.metadata();
        Optional<TableMetadata.Property> geo = m.firstOfKind("GeoDimension");
        this.geoKey = geo.map(TableMetadata.Property::key).orElseThrow(() -> new IllegalArgumentException(
                m.table() + " has no GeoDimension: not a regional table"));
        this.timeKey = m.firstOfKind("TimeDimension").map(TableMetadata.Property::key).orElse(null);
        this.regions = m.codeLists().getOrDefault(geoKey, Map.of());
        for (TableMetadata.Property p : m.properties()) {
            if (V4Protocol.MEASURE.equals(p.kind())) {
                measures.put(p.key(), p);
            }
        }
    }

    @Override
    public void accept(Row row, RecordSink out) {
        String code = CbsValues.trim(row.get(geoKey));
        String measure = row.get("Measure");
        if (code == null || !regions.containsKey(code)) {
            out.deadLetter(row, null, geoKey, "region '" + code + "' is not in " + geoKey + "Codes");
            return;
        }
        if (measure == null || !measures.containsKey(measure)) {
            out.deadLetter(row, null, "Measure", "measure '" + measure + "' is not in MeasureCodes");
            return;
        }
        if (first == null) {
            first = row.position();
        }
        if (CbsValues.isAggregate(code)) {
            aggregates.add(code); // counted once per region in finish()
            return;
        }
        String period = timeKey != null ? CbsValues.period(row.get(timeKey)) : context.metadata().period();
        Group g = groups.computeIfAbsent(code + "\u0000" + period, k -> new Group(code, period, row));
        String value = row.get("Value") != null ? row.get("Value") : row.get("StringValue");
        g.fields.put(fieldNames.getOrDefault(measure, measure), value);
    }

    @Override
    public void finish(RecordSink out) {
        for (Group g : groups.values()) {
            out.record(context.record(context.recordId(g.period, g.code), g.period, g.code, g.fields, g.firstRow,
                    "Observations " + geoKey + " eq '" + g.code + "'"));
        }
        aggregates.forEach(c -> out.skip(Reasons.AGGREGATE_ROW));
        groups.clear();
        aggregates.clear();
        first = null;
    }

    @Override
    public RowPosition firstPending() {
        return first;
    }
}
