package nl.sobamo.ingest.pull.protocol.csv;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import nl.sobamo.ingest.pull.http.Fetched;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.MalformedPageException;
import nl.sobamo.ingest.pull.protocol.Page;
import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.ingest.pull.protocol.RowPosition;
import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.ingest.pull.protocol.TableProtocol;
import nl.sobamo.ingest.records.TextLines;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV download as a one-page table. Reading the metadata fetches the document itself, conditionally on the last
 * pull's ETag; its version stamp is the ETag, else the SHA-256 of the bytes. Columns are named by the header row;
 * header cells that are empty or a bare number (a row-number column left by an export, e.g. the {@code 1} heading
 * the Leefbaarometer extract) are not data and are dropped.
 */
public final class CsvDocumentProtocol implements TableProtocol {

    private final SourceHttp http;
    private final String url;
    private final String dataset;
    private final char delimiter;

    public CsvDocumentProtocol(SourceHttp http, String url, String dataset, char delimiter) {
        this.http = Objects.requireNonNull(http, "http");
        this.url = Objects.requireNonNull(url, "url");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.delimiter = delimiter;
    }

    private Fetched doc;
    private String etag;
    private String modified;

    @Override
    public String[] version(String previousEtag) {
        doc = http.get(url, previousEtag);
        etag = doc.notModified() ? previousEtag : doc.etag();
        modified = etag != null ? "etag:" + etag : "sha256:" + doc.sha256();
        return new String[] {modified, etag};
    }

    @Override
    public TableMetadata metadata() {
        if (doc == null || doc.notModified()) {
            version(null); // resuming an unfinished pull of a document that did not change: fetch it whole
        }
        return new TableMetadata(dataset, null, modified, etag, null, List.of(), Map.of(), url, doc);
    }

    @Override
    public Page read(Fetched fetched, String pageLink, TableMetadata metadata) throws MalformedPageException {
        String text = new String(fetched.body(), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        TextLines lines = new TextLines(text);
        String uri = fetched.uri().toString();
        String hash = fetched.sha256();
        List<Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = null;
            for (CSVRecord r : parser) {
                if (header == null) {
                    header = new ArrayList<>();
                    for (String h : r) {
                        header.add(h.strip());
                    }
                    checkHeader(uri, header);
                    continue;
                }
                int start = lines.contentStart((int) r.getCharacterPosition());
                int line = lines.lineNumber(start);
                Map<String, String> cells = new LinkedHashMap<>();
                String problem = r.size() != header.size()
                        ? "expected " + header.size() + " columns, found " + r.size() : null;
                for (int i = 0; i < Math.min(r.size(), header.size()); i++) {
                    String name = header.get(i);
                    if (!name.isEmpty() && !name.chars().allMatch(Character::isDigit)) {
                        String v = r.get(i).strip();
                        cells.put(name, v.isEmpty() ? null : v);
                    }
                }
                String finalText = text;
                rows.add(new Row(cells, new RowPosition(pageLink, rows.size()), uri, hash, "line " + line,
                        () -> lineText(finalText, start), problem));
            }
            if (header == null) {
                throw new MalformedPageException(uri + ": empty CSV document");
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new MalformedPageException(uri + ": not valid CSV: " + e.getMessage(), e);
        }
        return new Page(rows, null);
    }

    /**
     * An HTML page served with status 200 (an error page) or a header naming a column twice (which value would a
     * field get?) is not the document the source promises.
     */
    private static void checkHeader(String uri, List<String> header) throws MalformedPageException {
        if (!header.isEmpty() && header.get(0).startsWith("<")) {
            throw new MalformedPageException(uri + ": not CSV: the first line is markup (" + header.get(0) + ")");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String h : header) {
            if (!h.isEmpty() && !names.add(h)) {
                throw new MalformedPageException(uri + ": column '" + h + "' appears twice in the header");
            }
        }
    }

    private static String lineText(String text, int start) {
        int end = text.indexOf('\n', start);
        return text.substring(start, end < 0 ? text.length() : end).stripTrailing();
    }

    @Override
    public long defaultPageSize() {
        return Long.MAX_VALUE / 4;
    }
}
