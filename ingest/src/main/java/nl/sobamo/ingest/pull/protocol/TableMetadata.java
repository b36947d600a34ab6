package nl.sobamo.ingest.pull.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.sobamo.ingest.pull.http.Fetched;

/**
 * What a pull knows about a table before reading its data: version, period, properties and code lists.
 *
 * @param table      table id as configured, e.g. {@code 85984NED}
 * @param title      the table's title, or null
 * @param modified   the table's version stamp (v3 TableInfos / v4 Properties {@code Modified}; for a CSV document
 *                   its ETag, else its content hash); equal stamps mean unchanged data
 * @param etag       HTTP ETag of the metadata or document, or null
 * @param period     the table's period when it has no time dimension (e.g. KWB: {@code 2024}), or null
 * @param properties dimensions and topics/measures by key, in table order
 * @param codeLists  per dimension, code to title (codes trimmed)
 * @param firstPage  live link of the first data page
 * @param prefetched the first page when reading the metadata already fetched it (a CSV document), else null
 */
public record TableMetadata(String table, String title, String modified, String etag, String period,
                            List<Property> properties, Map<String, Map<String, String>> codeLists, String firstPage,
                            Fetched prefetched) {

    public TableMetadata {
        properties = List.copyOf(properties);
        codeLists = Map.copyOf(codeLists);
    }

    /**
     * A column of the table.
     *
     * @param key      stable key, e.g. {@code AantalInwoners_5} (v3) or {@code M000352} (v4 measure)
     * @param kind     v3 {@code Type} ({@code Dimension}, {@code GeoDimension}, {@code GeoDetail},
     *                 {@code TimeDimension}, {@code Topic}) or v4 {@code Kind} / {@code Measure}
     * @param datatype e.g. {@code Long}, {@code Double}, {@code String}; null for dimensions
     * @param title    human title
     * @param unit     unit, e.g. {@code aantal}, {@code %}
     */
    public record Property(String key, String kind, String datatype, String title, String unit) {

        public boolean isDimension() {
            return kind != null && kind.endsWith("Dimension");
        }

        public boolean isGeo() {
            return kind != null && (kind.equals("GeoDimension") || kind.equals("GeoDetail"));
        }

        public boolean isNumeric() {
            return datatype != null && switch (datatype) {
                case "Long", "Integer", "Double", "Float", "Decimal", "Short" -> true;
                default -> false;
            };
        }
    }

    public Optional<Property> property(String key) {
        return properties.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /** The first property of a kind, e.g. the geo dimension. */
    public Optional<Property> firstOfKind(String kind) {
        return properties.stream().filter(p -> kind.equals(p.kind())).findFirst();
    }

    /**
     * The topic whose stable key starts with {@code prefix} (CBS suffixes keys with a position that changes between
     * table versions: {@code Lasten_1}, {@code AantalInwoners_5}).
     */
    public Optional<Property> topicByPrefix(String prefix) {
        return properties.stream().filter(p -> !p.isDimension() && p.key() != null && p.key().startsWith(prefix))
                .findFirst();
    }
}
