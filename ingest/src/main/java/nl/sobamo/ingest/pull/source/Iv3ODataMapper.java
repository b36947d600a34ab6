package nl.sobamo.ingest.pull.source;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.sobamo.ingest.pull.ContiguousGroupMapper;
import nl.sobamo.ingest.pull.MapperContext;
import nl.sobamo.ingest.pull.RecordSink;
import nl.sobamo.ingest.pull.Rows;
import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.ingest.pull.protocol.odata.CbsValues;
import nl.sobamo.ingest.records.Reasons;

/**
 * Iv3 from a CBS (dataderden) OData v3 table with dimensions municipality × taakveld × period and topics lasten,
 * baten and salarissen: one record per municipality account (docs/decisions/0003), fields
 * {@code gemeente}, {@code taakveld:<code>}, {@code lasten:<code>}, {@code baten:<code>}, {@code salarissen:<code>}
 * (EUR thousand, as the source). The topics are found in DataProperties by the stable part of their key
 * ({@code Lasten}, {@code Baten}, {@code Salarissen}), not by their numeric suffix.
 */
public final class Iv3ODataMapper extends ContiguousGroupMapper {

    private final MapperContext context;
    private final String geoKey;
    private final String taakveldKey;
    private final String timeKey;
    private final String lastenKey;
    private final String batenKey;
    private final String salarissenKey;
    private final Map<String, String> names;
    private final Map<String, String> taakvelden;

    public Iv3ODataMapper(MapperContext context) {
        this.context = context;
        TableMetadata m = context.metadata();
        this.geoKey = m.firstOfKind("GeoDimension").map(TableMetadata.Property::key).orElse("Gemeenten");
        this.taakveldKey = m.properties().stream().filter(p -> "Dimension".equals(p.kind())
                && p.key().startsWith("Taakveld")).map(TableMetadata.Property::key).findFirst().orElse("Taakvelden");
        this.timeKey = m.firstOfKind("TimeDimension").map(TableMetadata.Property::key).orElse("Perioden");
        this.lastenKey = m.topicByPrefix("Lasten").map(TableMetadata.Property::key).orElseThrow(() ->
                new IllegalArgumentException(m.table() + ": no Lasten topic in DataProperties"));
        this.batenKey = m.topicByPrefix("Baten").map(TableMetadata.Property::key).orElse(null);
        this.salarissenKey = m.topicByPrefix("Salarissen").map(TableMetadata.Property::key).orElse(null);
        this.names = m.codeLists().getOrDefault(geoKey, Map.of());
        this.taakvelden = m.codeLists().getOrDefault(taakveldKey, Map.of());
    }

    @Override
    protected String groupKey(Row row, RecordSink out) {
        String code = CbsValues.trim(row.get(geoKey));
        String taakveld = CbsValues.trim(row.get(taakveldKey));
        if (code == null || code.isEmpty() || taakveld == null || taakveld.isEmpty()) {
            out.deadLetter(row, null, code == null || code.isEmpty() ? geoKey : taakveldKey,
                    "missing " + (code == null || code.isEmpty() ? geoKey : taakveldKey));
            return null;
        }
        for (String key : new String[] {lastenKey, batenKey, salarissenKey}) {
            if (key != null && !Rows.numericOrMissing(row.get(key))) {
                out.deadLetter(row, null, key, key + " is '" + row.get(key) + "', expected a number");
                return null;
            }
        }
        return code + "\u0000" + row.get(timeKey);
    }

    @Override
    protected void emit(List<Row> group, RecordSink out) {
        Row first = group.get(0);
        String code = CbsValues.trim(first.get(geoKey));
        String period = CbsValues.period(first.get(timeKey));
        String recordId = context.recordId(period, code);
        if (CbsValues.isAggregate(code)) {
            out.skip(Reasons.AGGREGATE_ROW);
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("gemeente", names.get(code));
        Set<String> seen = new HashSet<>();
        for (Row row : group) {
            String tv = CbsValues.trim(row.get(taakveldKey));
            if (!seen.add(tv)) {
                out.deadLetter(row, recordId, taakveldKey, "duplicate taakveld " + tv + " for " + code);
                continue;
            }
            fields.put("taakveld:" + tv, taakvelden.getOrDefault(tv, tv));
            fields.put("lasten:" + tv, row.get(lastenKey));
            if (batenKey != null) {
                fields.put("baten:" + tv, row.get(batenKey));
            }
            if (salarissenKey != null) {
                fields.put("salarissen:" + tv, row.get(salarissenKey));
            }
        }
        out.record(context.record(recordId, period, code, fields, first, location(group)));
    }
}
