package nl.sobamo.ingest.pull.protocol.odata;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.sobamo.ingest.pull.http.Fetched;
import nl.sobamo.ingest.pull.protocol.MalformedPageException;
import nl.sobamo.ingest.pull.protocol.Page;
import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.ingest.pull.protocol.RowPosition;

/**
 * Reads an OData collection response ({@code {"value": [...], "odata.nextLink": ...}}) into rows. A page that is
 * not such a document (truncated, invalid JSON, no {@code value} array) is malformed as a whole; a row that is not
 * a flat object of scalars is kept with its {@link Row#problem()} so it can be dead-lettered on its own.
 */
public final class JsonPages {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a property given twice would otherwise keep its last value without a word
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonPages() {
    }

    /** The parsed document, for metadata responses. */
    public static JsonNode tree(Fetched fetched) throws MalformedPageException {
        try {
            JsonNode root = MAPPER.readTree(fetched.body());
            if (root == null || root.isMissingNode()) {
                throw new MalformedPageException(fetched.uri() + ": empty response");
            }
            return root;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedPageException(fetched.uri() + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedPageException(fetched.uri() + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The {@code value} array of a collection response. */
    public static JsonNode values(Fetched fetched) throws MalformedPageException {
        JsonNode value = tree(fetched).get("value");
        if (value == null || !value.isArray()) {
            throw new MalformedPageException(fetched.uri() + ": not an OData collection (no \"value\" array)");
        }
        return value;
    }

    /**
     * Reads a page: streamed when it is an ordinary page (UTF-8, a top-level object, every row a flat object of
     * scalars, valid JSON throughout), otherwise through the tree exactly as before. Streaming builds no node per
     * cell (a 10,000-row page of 11 cells is 110,000 nodes and half of the parse time); anything unusual goes to
     * the tree reader, so malformed pages, odd rows and their messages are what they always were.
     *
     * @param pageLink the page's live link, for row positions
     */
    public static Page read(Fetched fetched, String pageLink, ODataVersion version) throws MalformedPageException {
        Streamed streamed = stream(fetched.body(), version);
        if (streamed == null) {
            return readTree(fetched, pageLink, version);
        }
        if (streamed.next() != null) {
            checkNextLink(fetched, pageLink, streamed.next(), version);
        }
        String uri = fetched.uri().toString();
        String hash = fetched.sha256();
        byte[] body = fetched.body();
        List<Row> rows = new ArrayList<>(streamed.rows().size());
        for (int i = 0; i < streamed.rows().size(); i++) {
            int start = streamed.starts()[i];
            int end = streamed.ends()[i];
            // the row as the tree reader rendered it: its own bytes, parsed alone (only asked for dead letters)
            rows.add(new Row(streamed.rows().get(i), new RowPosition(pageLink, i), uri, hash, "$.value[" + i + "]",
                    () -> renderSlice(body, start, end), null));
        }
        return new Page(rows, streamed.next());
    }

    /** Rows of a streamed page, each with the byte range of its object in the body. */
    private record Streamed(List<Map<String, String>> rows, int[] starts, int[] ends, String next) {
    }

    /**
     * The ordinary page in one pass over the tokens, or null when the page needs the tree reader: not UTF-8 without
     * a byte-order mark, not valid JSON (with the mapper's strict duplicate and trailing-token checks), no
     * {@code value} array, a next link that is not a string or null, or a row that is not a flat object of scalars.
     */
    static Streamed stream(byte[] body, ODataVersion version) {
        if (body.length < 2 || body[0] != '{' && !Character.isWhitespace(body[0]) || body[1] == 0) {
            return null; // a BOM, UTF-16/32 or an odd start: byte offsets would not be the body's
        }
        List<Map<String, String>> rows = new ArrayList<>();
        int[] starts = new int[256];
        int[] ends = new int[256];
        String next = null;
        boolean seenValue = false;
        try (JsonParser p = MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("value")) {
                    if (t != JsonToken.START_ARRAY) {
                        return null;
                    }
                    seenValue = true;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (t != JsonToken.START_OBJECT) {
                            return null;
                        }
                        int i = rows.size();
                        if (i == starts.length) {
                            starts = Arrays.copyOf(starts, i * 2);
                            ends = Arrays.copyOf(ends, i * 2);
                        }
                        starts[i] = (int) p.currentTokenLocation().getByteOffset();
                        Map<String, String> cells = new LinkedHashMap<>();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            JsonToken v = p.nextToken();
                            if (v.isStructStart()) {
                                return null;
                            }
                            cells.put(key, scalar(p, v));
                        }
                        ends[i] = (int) p.currentTokenLocation().getByteOffset() + 1;
                        rows.add(cells);
                    }
                } else if (name.equals(version.nextLinkProperty())) {
                    if (t == JsonToken.VALUE_STRING) {
                        next = p.getText();
                    } else if (t != JsonToken.VALUE_NULL) {
                        return null;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || !seenValue) {
                return null; // trailing tokens, or no value array
            }
        } catch (IOException | RuntimeException e) {
            return null; // invalid JSON: the tree reader says why, as it always did
        }
        return new Streamed(rows, starts, ends, next);
    }

    /** A scalar token as {@link #scalar(JsonNode)} gives the node the tree reader would have built from it. */
    private static String scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> p.getText().strip();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue().toString() : Long.toString(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> CbsValues.plain(p.getDecimalValue());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            default -> throw new IOException("unexpected token " + t);
        };
    }

    private static String renderSlice(byte[] body, int start, int end) {
        try {
            return MAPPER.readTree(body, start, end - start).toString();
        } catch (IOException e) {
            throw new IllegalStateException("a row read before cannot be read again", e);
        }
    }

    /** The tree reader: every page before streaming, now the unusual ones; the reference for the streamed form. */
    static Page readTree(Fetched fetched, String pageLink, ODataVersion version) throws MalformedPageException {
        JsonNode root = tree(fetched);
        JsonNode value = root.get("value");
        if (value == null || !value.isArray()) {
            throw new MalformedPageException(fetched.uri() + ": not an OData collection (no \"value\" array)");
        }
        JsonNode next = root.get(version.nextLinkProperty());
        if (next != null && !next.isNull() && !next.isTextual()) {
            throw new MalformedPageException(fetched.uri() + ": " + version.nextLinkProperty() + " is not a string");
        }
        if (next != null && next.isTextual()) {
            checkNextLink(fetched, pageLink, next.asText(), version);
        }
        String uri = fetched.uri().toString();
        String hash = fetched.sha256();
        List<Row> rows = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode node = value.get(i);
            Map<String, String> cells = new LinkedHashMap<>();
            String problem = node.isObject() ? cells(node, cells) : "row is not a JSON object";
            rows.add(new Row(cells, new RowPosition(pageLink, i), uri, hash, "$.value[" + i + "]", node::toString,
                    problem));
        }
        return new Page(rows, next == null || next.isNull() ? null : next.asText());
    }

    /**
     * A next link must stay on the page's host (a link elsewhere would send the pull, and its checkpoint, to a server
     * nobody configured) and must not name the page itself (a server repeating a page would never end).
     */
    private static void checkNextLink(Fetched fetched, String pageLink, String next, ODataVersion version)
            throws MalformedPageException {
        java.net.URI nextUri;
        try {
            nextUri = java.net.URI.create(next.replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            throw new MalformedPageException(fetched.uri() + ": " + version.nextLinkProperty() + " is no URL: " + next, e);
        }
        String host = java.net.URI.create(pageLink.replace(" ", "%20")).getHost();
        if (nextUri.getHost() == null || !nextUri.getHost().equalsIgnoreCase(host)) {
            throw new MalformedPageException(fetched.uri() + ": " + version.nextLinkProperty() + " leaves " + host
                    + ": " + next);
        }
        if (next.equals(pageLink)) {
            throw new MalformedPageException(fetched.uri() + ": " + version.nextLinkProperty()
                    + " names the page itself: " + next);
        }
    }

    private static String cells(JsonNode row, Map<String, String> cells) {
        String problem = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                if (problem == null) {
                    problem = "property " + e.getKey() + " is " + (v.isArray() ? "an array" : "an object")
                            + ", expected a scalar";
                }
                continue;
            }
            cells.put(e.getKey(), scalar(v));
        }
        return problem;
    }

    /** A JSON scalar as the raw record's string: strings trimmed (CBS pads), numbers plain, null as null. */
    public static String scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText().strip();
        }
        if (v.isInt() || v.isLong()) {
            return Long.toString(v.longValue()); // as below, without a BigInteger per cell
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            return CbsValues.plain(v.decimalValue());
        }
        return v.asText();
    }

    /** A text property of a metadata object, trimmed; null when absent or null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : scalar(v);
    }

}
