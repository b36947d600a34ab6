package nl.sobamo.ingest.bundle;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.sobamo.hash.ContentHash;
import nl.sobamo.ingest.records.DeadLetters;
import nl.sobamo.ingest.records.ParseResult;
import nl.sobamo.ingest.records.Reasons;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.topics.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a CBS Kerncijfers wijken en buurten extract, {@code { "<regio code>": { "<measure key>": value, ... } }},
 * into one {@link RawRecord} per region key. The dataset id and period come from the table's CBS
 * {@code TableInfos}, so a newer yearly table needs no code change.
 *
 * <p>The JSON is read as a token stream rather than a tree: a tree would silently keep the last of two duplicate
 * keys, and the stream also gives the byte range of every entry, which becomes the dead letter's original value.
 */
public final class KwbBundleParser {

    public static final String SOURCE = Source.CBS_KWB.id();
    public static final String LICENCE = "CC BY 4.0 (CBS)";

    private static final Logger LOG = LoggerFactory.getLogger(KwbBundleParser.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Instant fetchedAt;
    private final Clock clock;

    /**
     * @param fetchedAt when the document was retrieved; stamped on every record
     * @param clock     gives the dead letters' {@code failedAt}
     */
    public KwbBundleParser(Instant fetchedAt, Clock clock) {
        this.fetchedAt = Objects.requireNonNull(fetchedAt, "fetchedAt");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param uri        where {@code data} was read, stored on every record
     * @param data       the region document
     * @param tableInfos the CBS TableInfos document of the same table
     * @throws IllegalArgumentException when either document as a whole is not what it should be
     */
    public ParseResult parse(String uri, byte[] data, byte[] tableInfos) {
        TableInfo table = TableInfo.read(tableInfos);
        DeadLetters.Origin origin = new DeadLetters.Origin(SOURCE, table.identifier(), uri, ContentHash.sha256Hex(data));
        Collector out = new Collector(origin, table);
        try (JsonParser p = MAPPER.getFactory().createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(uri + ": expected a JSON object of regions");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                readRegion(p, data, out);
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IllegalArgumentException(uri + ": unexpected content after the regions object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(uri + ": not valid JSON: " + e.getMessage(), e);
        }
        return out.result();
    }

    /** Reads one {@code "code": {...}} entry; the parser stands on its key. */
    private void readRegion(JsonParser p, byte[] data, Collector out) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        String key = p.currentName();
        Map<String, String> fields = new LinkedHashMap<>();
        String problem = null;
        String problemField = null;
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String measure = p.currentName();
                JsonToken t = p.nextToken();
                if (t.isStructStart()) {
                    p.skipChildren();
                    if (problem == null) {
                        problem = "measure " + measure + " is " + (t == JsonToken.START_ARRAY ? "an array" : "an object")
                                + ", expected a number, string or null";
                        problemField = measure;
                    }
                } else if (fields.containsKey(measure)) {
                    if (problem == null) {
                        problem = "duplicate measure " + measure;
                        problemField = measure;
                    }
                } else {
                    fields.put(measure, scalar(p, t));
                }
            }
        } else {
            p.skipChildren(); // no-op for scalars, skips an array
            problem = "value is " + describe(value) + ", expected an object of measures";
        }
        int end = (int) p.currentLocation().getByteOffset();
        String original = new String(data, start, end - start, StandardCharsets.UTF_8);
        out.accept(key, fields, problem, problemField, original);
    }

    /**
     * A measure value as a plain string: integers as written, decimals in plain (not scientific) notation, and an
     * integral decimal such as {@code 5.0} as {@code 5}, so the same number always gives the same string.
     */
    private static String scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> p.getText();
            case VALUE_NUMBER_FLOAT -> plain(p.getDecimalValue());
            case VALUE_STRING -> p.getText().trim(); // CBS pads codes and text with spaces
            default -> p.getText(); // true / false
        };
    }

    private static String plain(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : d.toPlainString();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_NULL -> "null";
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "a number";
        };
    }

    /** The parts of CBS TableInfos a record needs. */
    record TableInfo(String identifier, String period) {

        /** Accepts the OData bulk export (a JSON array) as well as an OData response ({@code {"value": [...]}}). */
        static TableInfo read(byte[] json) {
            JsonNode root;
            try {
                root = MAPPER.readTree(json);
            } catch (IOException e) {
                throw new IllegalArgumentException("TableInfos is not valid JSON: " + e.getMessage(), e);
            }
            JsonNode list = root != null && root.isObject() ? root.path("value") : root;
            JsonNode info = list != null && list.isArray() ? list.path(0) : null;
            String identifier = info == null ? "" : info.path("Identifier").asText("").trim();
            String period = info == null ? "" : info.path("Period").asText("").trim();
            if (identifier.isEmpty() || period.isEmpty()) {
                throw new IllegalArgumentException("TableInfos must hold an object with Identifier and Period");
            }
            return new TableInfo(identifier, period);
        }
    }

    /** Turns region entries into records, dead letters and skips, and checks keys across entries. */
    private final class Collector {
        private final DeadLetters.Origin origin;
        private final TableInfo table;
        private final Set<String> seen = new HashSet<>();
        private final List<RawRecord> records = new ArrayList<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();
        private final Map<String, Integer> skipped = new LinkedHashMap<>();

        Collector(DeadLetters.Origin origin, TableInfo table) {
            this.origin = origin;
            this.table = table;
        }

        void accept(String key, Map<String, String> fields, String problem, String problemField, String original) {
            String code = key.trim();
            String location = "$[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
            String recordId = code.isEmpty() ? null : SOURCE + "/" + table.identifier() + "/" + table.period() + "/" + code;
            if (problem == null && code.isEmpty()) {
                problem = "blank region code";
            }
            if (problem == null && !seen.add(code)) {
                problem = "duplicate region code " + code;
            }
            if (problem != null) {
                LOG.warn("{} {}: dead letter: {}", origin.uri(), location, problem);
                deadLetters.add(DeadLetters.malformed(origin, location, recordId, problemField,
                        location + ": " + problem, original, clock.instant()));
            } else if (code.startsWith("NL")) {
                LOG.info("{} {}: skipping the national aggregate", origin.uri(), location);
                skipped.merge(Reasons.AGGREGATE_ROW, 1, Integer::sum);
            } else {
                records.add(RawRecord.newBuilder()
                        .setRecordId(recordId)
                        .setSource(SOURCE)
                        .setDataset(table.identifier())
                        .setPeriod(table.period())
                        .setAreaCode(code)
                        .setFields(fields)
                        .setFetchedAt(fetchedAt)
                        .setUri(origin.uri())
                        .setLocation(location)
                        .setContentHash(origin.contentHash())
                        .setLicence(LICENCE)
                        .build());
            }
        }

        ParseResult result() {
            return new ParseResult(SOURCE, table.identifier(), records, deadLetters, skipped);
        }
    }
}
