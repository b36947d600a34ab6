package nl.sobamo.ingest.pull.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.ingest.pull.protocol.odata4.V4Protocol;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v3 field name of a CBS KWB v4 measure (e.g. v4 {@code M000352} "Aantal inwoners" to v3
 * {@code AantalInwoners_5}), so v4 records carry the field names the indicator catalog matches by prefix. The
 * aliases are a bundled table of v3 titles ({@code kwb/v4-measure-aliases.csv}, see its PROVENANCE.md); a measure
 * matches by its {@code MeasureCodes} title and unit.
 *
 * @param byTitle v3 field and unit by title
 */
public record KwbMeasureAliases(Map<String, Alias> byTitle) {

    private static final Logger LOG = LoggerFactory.getLogger(KwbMeasureAliases.class);
    public static final String RESOURCE = "kwb/v4-measure-aliases.csv";

    /** One row of the alias table. */
    public record Alias(String v3Field, String unit) {
    }

    public KwbMeasureAliases {
        byTitle = Map.copyOf(byTitle);
    }

    /** The bundled table. */
    public static KwbMeasureAliases bundled() {
        try (InputStream in = KwbMeasureAliases.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            Objects.requireNonNull(in, RESOURCE);
            Map<String, Alias> map = new LinkedHashMap<>();
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            try (CSVParser p = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
                for (CSVRecord r : p) {
                    if (map.put(r.get("title"), new Alias(r.get("v3_field"), r.get("unit"))) != null) {
                        throw new IllegalStateException(RESOURCE + ": title '" + r.get("title") + "' twice");
                    }
                }
            }
            return new KwbMeasureAliases(map);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
    }

    /**
     * v4 measure identifier to v3 field, for the measures of {@code metadata} whose title and unit match; the others
     * are logged and keep their identifier.
     */
    public Map<String, String> forTable(TableMetadata metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TableMetadata.Property p : metadata.properties()) {
            if (!V4Protocol.MEASURE.equals(p.kind())) {
                continue;
            }
            Alias a = p.title() == null ? null : byTitle.get(p.title().strip());
            String unit = p.unit() == null ? "" : p.unit().strip();
            if (a != null && a.unit().equals(unit)) {
                out.put(p.key(), a.v3Field());
            } else {
                LOG.info("{}: v4 measure {} '{}' ({}) has no v3 alias{}; published under its identifier",
                        metadata.table(), p.key(), p.title(), unit,
                        a == null ? "" : " (title matches " + a.v3Field() + " but its unit is '" + a.unit() + "')");
            }
        }
        return out;
    }
}
