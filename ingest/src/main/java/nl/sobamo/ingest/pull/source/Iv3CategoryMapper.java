package nl.sobamo.ingest.pull.source;

import java.math.BigDecimal;
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
 * Iv3 from the real dataderden tables ("Gemeenten &lt;year&gt; onbewerkte Iv3-data"): one row per
 * {@code Verslagsoort} × {@code Gemeenten} × {@code TaakveldBalanspost} × {@code Categorie} with the amount in
 * {@code k_2ePlaatsing_2} (EUR thousand). One record per municipality and Verslagsoort with the same fields as
 * {@link Iv3ODataMapper} and the bundled analysedata (docs/raw-records.md), derived the way that analysedata was
 * derived from these tables (michielsd/begrotingsanalysetool {@code bereken_baten_lasten.py}):
 * <ul>
 *   <li>{@code lasten:<taakveld>} = the sum of the categories whose code starts with {@code L},</li>
 *   <li>{@code baten:<taakveld>} = the sum of those starting with {@code B},</li>
 *   <li>{@code salarissen:<taakveld>} = category {@code L1.1} (salarissen en sociale lasten),</li>
 * </ul>
 * summed exactly (decimal), written plain ({@code 264333}); null when no category has an amount (missing, not 0).
 * Balance-sheet posts (keys starting with {@code A} or {@code P}) and categories that are neither lasten nor baten
 * ({@code Primo}, {@code Ultimo}) are not part of the contract: each such row is counted as skipped
 * ({@value Reasons#NOT_AN_ACCOUNT_ROW}), never dropped silently.
 */
public final class Iv3CategoryMapper extends ContiguousGroupMapper {

    /** Skip reason of balance-sheet rows and of categories outside lasten/baten. */
    static final String CATEGORY = "Categorie";
    static final String TAAKVELD = "TaakveldBalanspost";
    static final String REPORT = "Verslagsoort";
    /** The amount topic, by the stable part of its key; the begrotingsanalysetool derivation reads this one. */
    static final String AMOUNT_PREFIX = "k_2ePlaatsing";
    static final String SALARIES = "L1.1";

    private final MapperContext context;
    private final String geoKey;
    private final String amountKey;
    private final Map<String, String> names;
    private final Map<String, String> taakvelden;
    private final Set<String> emitted = new HashSet<>();

    /** Whether the table has this layout (a Categorie dimension and a k_2ePlaatsing topic). */
    public static boolean handles(TableMetadata m) {
        return m.property(CATEGORY).isPresent() && m.property(TAAKVELD).isPresent()
                && m.topicByPrefix(AMOUNT_PREFIX).isPresent();
    }

    public Iv3CategoryMapper(MapperContext context) {
        this.context = context;
        TableMetadata m = context.metadata();
        this.geoKey = m.firstOfKind("GeoDimension").map(TableMetadata.Property::key).orElse("Gemeenten");
        this.amountKey = m.topicByPrefix(AMOUNT_PREFIX).map(TableMetadata.Property::key).orElseThrow(() ->
                new IllegalArgumentException(m.table() + ": no " + AMOUNT_PREFIX + " topic in DataProperties"));
        this.names = m.codeLists().getOrDefault(geoKey, Map.of());
        this.taakvelden = m.codeLists().getOrDefault(TAAKVELD, Map.of());
    }

    @Override
    protected String groupKey(Row row, RecordSink out) {
        for (String key : new String[] {geoKey, TAAKVELD, CATEGORY}) {
            String v = CbsValues.trim(row.get(key));
            if (v == null || v.isEmpty()) {
                out.deadLetter(row, null, key, "missing " + key);
                return null;
            }
        }
        if (!Rows.numericOrMissing(row.get(amountKey))) {
            out.deadLetter(row, null, amountKey, amountKey + " is '" + row.get(amountKey) + "', expected a number");
            return null;
        }
        return CbsValues.trim(row.get(geoKey)) + "\u0000" + CbsValues.trim(row.get(REPORT));
    }

    @Override
    protected void emit(List<Row> group, RecordSink out) {
        Row first = group.get(0);
        String code = CbsValues.trim(first.get(geoKey));
        String period = period(CbsValues.trim(first.get(REPORT)));
        String recordId = context.recordId(period, code);
        if (CbsValues.isAggregate(code)) {
            out.skip(Reasons.AGGREGATE_ROW);
            return;
        }
        if (!emitted.add(recordId)) {
            // the table is not ordered municipality by municipality: publishing again would overwrite the first part
            group.forEach(row -> out.deadLetter(row, recordId, geoKey, "rows of " + code + " are not adjacent; "
                    + recordId + " was already built from earlier rows"));
            return;
        }
        Map<String, Sums> byTaakveld = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Row row : group) {
            String tv = CbsValues.trim(row.get(TAAKVELD));
            String category = categoryCode(row.get(CATEGORY));
            if (tv.startsWith("A") || tv.startsWith("P") || !(category.startsWith("L") || category.startsWith("B"))) {
                out.skip(Reasons.NOT_AN_ACCOUNT_ROW);
                continue;
            }
            if (!seen.add(tv + "\u0000" + category)) {
                out.deadLetter(row, recordId, CATEGORY, "duplicate " + TAAKVELD + " " + tv + " " + CATEGORY + " "
                        + category + " for " + code);
                continue;
            }
            Sums s = byTaakveld.computeIfAbsent(tv, k -> new Sums());
            BigDecimal amount = amount(row.get(amountKey));
            if (category.startsWith("L")) {
                s.lasten = add(s.lasten, amount);
                if (category.equals(SALARIES)) {
                    s.salarissen = add(s.salarissen, amount);
                }
            } else {
                s.baten = add(s.baten, amount);
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("gemeente", names.get(code));
        byTaakveld.forEach((tv, s) -> {
            fields.put("taakveld:" + tv, taakvelden.getOrDefault(tv, tv));
            fields.put("lasten:" + tv, text(s.lasten));
            fields.put("baten:" + tv, text(s.baten));
            fields.put("salarissen:" + tv, text(s.salarissen));
        });
        out.record(context.record(recordId, period, code, fields, first, location(group)));
    }

    private static final class Sums {
        BigDecimal lasten;
        BigDecimal baten;
        BigDecimal salarissen;
    }

    /** {@code L1.1  } or {@code L1.1 Salarissen en sociale lasten} to {@code L1.1}. */
    static String categoryCode(String key) {
        String k = CbsValues.trim(key);
        int space = k.indexOf(' ');
        return space < 0 ? k : k.substring(0, space);
    }

    private String period(String verslagsoort) {
        if (verslagsoort != null && verslagsoort.matches("\\d{4}X\\d{3}")) {
            return verslagsoort.substring(0, 4);
        }
        return context.metadata().period();
    }

    /** A number, or null for a missing marker (null, empty, {@code .}). */
    private static BigDecimal amount(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            return null; // a missing marker; non-numbers were dead-lettered in groupKey
        }
    }

    private static BigDecimal add(BigDecimal sum, BigDecimal amount) {
        return amount == null ? sum : sum == null ? amount : sum.add(amount);
    }

    private static String text(BigDecimal d) {
        return d == null ? null : CbsValues.plain(d);
    }
}
