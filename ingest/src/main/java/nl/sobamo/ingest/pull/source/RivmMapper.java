package nl.sobamo.ingest.pull.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.sobamo.ingest.pull.ContiguousGroupMapper;
import nl.sobamo.ingest.pull.MapperContext;
import nl.sobamo.ingest.pull.RecordSink;
import nl.sobamo.ingest.pull.Rows;
import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.ingest.pull.protocol.odata.CbsValues;
import nl.sobamo.ingest.records.Reasons;

/**
 * RIVM Gezondheidsmonitor (50090NED, 50120NED, ...): one record per region × age group × period. The margins
 * dimension is pivoted: the estimate row ({@value #ESTIMATE}) gives {@code <measure>}, the 95% lower bound
 * ({@value #LOWER}) {@code <measure>@lower} and the upper bound ({@value #UPPER}) {@code <measure>@upper}. CBS
 * orders margins innermost, so the rows of one estimate are adjacent.
 */
public final class RivmMapper extends ContiguousGroupMapper {

    public static final String ESTIMATE = "MW00000";
    public static final String LOWER = "MOG0095";
    public static final String UPPER = "MBG0095";
    static final String REGION = "WijkenEnBuurten";
    static final String AGE = "Leeftijd";
    static final String MARGINS = "Marges";
    static final String PERIOD = "Perioden";
    private static final Set<String> KEYS = Set.of("ID", REGION, AGE, MARGINS, PERIOD);

    private final MapperContext context;

    public RivmMapper(MapperContext context) {
        this.context = context;
    }

    @Override
    protected String groupKey(Row row, RecordSink out) {
        String region = CbsValues.trim(row.get(REGION));
        String margin = CbsValues.trim(row.get(MARGINS));
        if (region == null || region.isEmpty() || row.get(PERIOD) == null) {
            out.deadLetter(row, null, REGION, "missing " + REGION + " or " + PERIOD);
            return null;
        }
        if (margin != null && !margin.equals(ESTIMATE) && !margin.equals(LOWER) && !margin.equals(UPPER)) {
            out.deadLetter(row, null, MARGINS, "unknown margin " + margin);
            return null;
        }
        return region + "\u0000" + row.get(AGE) + "\u0000" + row.get(PERIOD);
    }

    @Override
    protected void emit(List<Row> group, RecordSink out) {
        Row first = group.get(0);
        String region = CbsValues.trim(first.get(REGION));
        String age = CbsValues.trim(first.get(AGE));
        String period = CbsValues.period(first.get(PERIOD));
        String recordId = context.recordId(period, region + (age == null ? "" : "/" + age));
        if (CbsValues.isAggregate(region)) {
            out.skip(Reasons.AGGREGATE_ROW);
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(AGE, age);
        for (Row row : group) {
            String margin = CbsValues.trim(row.get(MARGINS));
            String suffix = margin == null || margin.equals(ESTIMATE) ? "" : margin.equals(LOWER) ? "@lower" : "@upper";
            for (Map.Entry<String, String> e : row.cells().entrySet()) {
                if (KEYS.contains(e.getKey())) {
                    continue;
                }
                String v = e.getValue() == null || e.getValue().isEmpty() ? null : e.getValue();
                if (suffix.isEmpty()) {
                    fields.put(e.getKey(), v);
                } else if (v != null && Rows.numericOrMissing(v)) {
                    fields.put(e.getKey() + suffix, v); // bounds of measures only, not of the name columns
                }
            }
        }
        out.record(context.record(recordId, period, region, fields, first, location(group)));
    }
}
