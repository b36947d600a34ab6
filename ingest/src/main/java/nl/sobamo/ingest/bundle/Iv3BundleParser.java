package nl.sobamo.ingest.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import nl.sobamo.hash.ContentHash;
import nl.sobamo.ingest.records.DeadLetters;
import nl.sobamo.ingest.records.ParseResult;
import nl.sobamo.ingest.records.Reasons;
import nl.sobamo.ingest.records.TextLines;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.topics.Source;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Iv3 analysedata CSV (one line per gemeente x taakveld) into ONE {@link RawRecord} per gemeente: its
 * annual account. One record per gemeente rather than per line because normalize needs a whole account at once
 * (e.g. to see that every taakveld is zero, which means "not delivered", not "spent nothing").
 *
 * <p>Fields of a record: {@code gemeente}, {@code inwonertal}, {@code provincie}, {@code gemeentegrootte},
 * {@code stedelijkheid}, {@code centrumfunctie}, {@code sociale-structuur}, and per taakveld code {@code c}
 * ({@code 6.1}): {@code taakveld:c} (the Taakveld cell, trimmed), {@code lasten:c}, {@code baten:c},
 * {@code salarissen:c} (the cells exactly as written, amounts in EUR thousand; empty becomes null).
 *
 * <p>The source names gemeenten, not codes, so {@code areaCode} stays null; normalize maps names to codes. The
 * aggregate {@code Nederland} group is skipped ({@link Reasons#AGGREGATE_ROW}). A line that cannot be read becomes a
 * dead letter ({@link Reasons#MALFORMED_ROW}) and the rest of the file still flows.
 */
public final class Iv3BundleParser {

    public static final String SOURCE = Source.IV3.id();
    public static final String LICENCE = "CC BY 4.0 (CBS); aggregated by michielsd/begrotingsanalysetool (Apache-2.0)";
    /** The source's name for the national total, which is the sum of all gemeenten. */
    public static final String AGGREGATE_NAME = "Nederland";

    private static final Logger LOG = LoggerFactory.getLogger(Iv3BundleParser.class);

    private static final CSVFormat FORMAT = CSVFormat.Builder.create(CSVFormat.DEFAULT)
            .setDelimiter(';')
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(false) // values stay exactly as written; only the Taakveld name is trimmed
            .get();

    private final String dataset;
    private final String period;
    private final Instant fetchedAt;
    private final Clock clock;

    /**
     * @param dataset   dataset id of the records, e.g. {@code iv3-jaarrekening-2023}
     * @param period    period of the file, e.g. {@code 2023}
     * @param fetchedAt when the file was retrieved; stamped on every record
     * @param clock     gives the dead letters' {@code failedAt}
     */
    public Iv3BundleParser(String dataset, String period, Instant fetchedAt, Clock clock) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.period = Objects.requireNonNull(period, "period");
        this.fetchedAt = Objects.requireNonNull(fetchedAt, "fetchedAt");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param uri  where {@code data} was read, stored on every record
     * @param data the CSV file (UTF-8)
     * @throws IllegalArgumentException when the file as a whole is not an Iv3 analysedata CSV
     */
    public ParseResult parse(String uri, byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a BOM would otherwise become part of the first column name
        }
        TextLines lines = new TextLines(text);
        DeadLetters.Origin origin = new DeadLetters.Origin(SOURCE, dataset, uri, ContentHash.sha256Hex(data));
        Accounts accounts = new Accounts(origin);
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            Columns columns = Columns.of(uri, parser.getHeaderNames());
            List<CSVRecord> rows = parser.getRecords();
            for (int i = 0; i < rows.size(); i++) {
                int start = lines.contentStart((int) rows.get(i).getCharacterPosition());
                int end = i + 1 < rows.size() ? (int) rows.get(i + 1).getCharacterPosition() : lines.length();
                accounts.accept(new Line(lines.lineNumber(start), lines.slice(start, end), rows.get(i)), columns);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(uri + ": not a readable CSV file: " + e.getMessage(), e);
        }
        return accounts.result();
    }

    /** One data line: its number in the file, its original text and its cells. */
    private record Line(int number, String text, CSVRecord cells) {
    }

    /** Column positions by header name, so a reordered file still reads. */
    private record Columns(int count, int gemeenten, int taakveld, int salarissen, int baten, int lasten,
                           int provincie, int gemeentegrootte, int stedelijkheid, int inwonertal, int centrumfunctie,
                           int socialeStructuur) {

        static Columns of(String uri, List<String> header) {
            List<String> names = header.stream().map(String::trim).toList();
            return new Columns(names.size(),
                    index(uri, names, "Gemeenten"),
                    index(uri, names, "Taakveld"),
                    index(uri, names, "L1.1 Salarissen en sociale lasten"),
                    index(uri, names, "Baten"),
                    index(uri, names, "Lasten"),
                    index(uri, names, "Provincie"),
                    index(uri, names, "Gemeentegrootte"),
                    index(uri, names, "Stedelijkheid"),
                    index(uri, names, "Inwonertal"),
                    index(uri, names, "Centrumfunctie"),
                    index(uri, names, "Sociale structuur"));
        }

        private static int index(String uri, List<String> names, String name) {
            int i = names.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException(uri + ": not an Iv3 analysedata file, column '" + name
                        + "' missing from header " + names);
            }
            return i;
        }
    }

    /** The gemeente-level columns, repeated on every line of a gemeente; they must agree. */
    private record Attributes(String inwonertal, String provincie, String gemeentegrootte, String stedelijkheid,
                              String centrumfunctie, String socialeStructuur) {

        static Attributes of(CSVRecord cells, Columns c) {
            return new Attributes(cell(cells, c.inwonertal()), cell(cells, c.provincie()),
                    cell(cells, c.gemeentegrootte()), cell(cells, c.stedelijkheid()), cell(cells, c.centrumfunctie()),
                    cell(cells, c.socialeStructuur()));
        }

        /** The first column that differs from {@code other}, or null. */
        String firstDifference(Attributes other) {
            if (!Objects.equals(inwonertal, other.inwonertal)) {
                return "Inwonertal";
            }
            if (!Objects.equals(provincie, other.provincie)) {
                return "Provincie";
            }
            if (!Objects.equals(gemeentegrootte, other.gemeentegrootte)) {
                return "Gemeentegrootte";
            }
            if (!Objects.equals(stedelijkheid, other.stedelijkheid)) {
                return "Stedelijkheid";
            }
            if (!Objects.equals(centrumfunctie, other.centrumfunctie)) {
                return "Centrumfunctie";
            }
            return Objects.equals(socialeStructuur, other.socialeStructuur) ? null : "Sociale structuur";
        }
    }

    /** One taakveld line of an account. */
    private record Taakveld(String code, String name, String lasten, String baten, String salarissen) {
    }

    /** The lines of one gemeente read so far. */
    private static final class Account {
        final String gemeente;
        final Attributes attributes;
        final int firstLine;
        final Map<String, Integer> lineOfCode = new LinkedHashMap<>();
        final List<Taakveld> taakvelden = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();

        Account(String gemeente, Attributes attributes, int firstLine) {
            this.gemeente = gemeente;
            this.attributes = attributes;
            this.firstLine = firstLine;
        }
    }

    /** Groups lines into accounts and sorts out what is published, dead-lettered or skipped. */
    private final class Accounts {
        private final DeadLetters.Origin origin;
        private final Map<String, Account> byName = new LinkedHashMap<>();
        private final List<Integer> aggregateLines = new ArrayList<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();

        Accounts(DeadLetters.Origin origin) {
            this.origin = origin;
        }

        void accept(Line line, Columns c) {
            CSVRecord cells = line.cells();
            if (cells.size() != c.count()) {
                malformed(line, null, null, "expected " + c.count() + " columns, found " + cells.size());
                return;
            }
            String gemeente = cells.get(c.gemeenten()).trim();
            if (gemeente.isEmpty()) {
                malformed(line, null, "Gemeenten", "missing Gemeenten");
                return;
            }
            String taakveld = cells.get(c.taakveld()).trim();
            if (taakveld.isEmpty()) {
                malformed(line, recordId(gemeente), "Taakveld", "missing Taakveld for " + gemeente);
                return;
            }
            if (gemeente.equals(AGGREGATE_NAME)) {
                aggregateLines.add(line.number());
                return;
            }
            Attributes attributes = Attributes.of(cells, c);
            Account account = byName.computeIfAbsent(gemeente, g -> new Account(g, attributes, line.number()));
            String code = taakveld.split(" ", 2)[0];
            Integer earlier = account.lineOfCode.get(code);
            if (earlier != null) {
                malformed(line, recordId(gemeente), "Taakveld",
                        "duplicate taakveld " + code + " for " + gemeente + " (first on line " + earlier + ")");
                return;
            }
            String differs = account.attributes.firstDifference(attributes);
            if (differs != null) {
                malformed(line, recordId(gemeente), differs, differs + " differs from line " + account.firstLine
                        + " of " + gemeente);
                return;
            }
            account.lineOfCode.put(code, line.number());
            account.lines.add(line.number());
            account.taakvelden.add(new Taakveld(code, taakveld, cell(cells, c.lasten()), cell(cells, c.baten()),
                    cell(cells, c.salarissen())));
        }

        private void malformed(Line line, String recordId, String field, String problem) {
            String message = "line " + line.number() + ": " + problem;
            LOG.warn("{}: dead letter: {}", origin.uri(), message);
            deadLetters.add(DeadLetters.malformed(origin, "line " + line.number(), recordId, field, message,
                    line.text(), clock.instant()));
        }

        ParseResult result() {
            Map<String, Integer> skipped = new LinkedHashMap<>();
            if (!aggregateLines.isEmpty()) {
                LOG.info("{}: skipping the aggregate '{}' ({}): it is the sum of all gemeenten", origin.uri(),
                        AGGREGATE_NAME, TextLines.describe(aggregateLines));
                skipped.put(Reasons.AGGREGATE_ROW, 1);
            }
            List<RawRecord> records = new ArrayList<>(byName.size());
            for (Account account : byName.values()) {
                records.add(toRecord(account));
            }
            return new ParseResult(SOURCE, dataset, records, deadLetters, skipped);
        }

        private RawRecord toRecord(Account a) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("gemeente", a.gemeente);
            fields.put("inwonertal", a.attributes.inwonertal());
            fields.put("provincie", a.attributes.provincie());
            fields.put("gemeentegrootte", a.attributes.gemeentegrootte());
            fields.put("stedelijkheid", a.attributes.stedelijkheid());
            fields.put("centrumfunctie", a.attributes.centrumfunctie());
            fields.put("sociale-structuur", a.attributes.socialeStructuur());
            for (Taakveld t : a.taakvelden) {
                fields.put("taakveld:" + t.code(), t.name());
                fields.put("lasten:" + t.code(), t.lasten());
                fields.put("baten:" + t.code(), t.baten());
                fields.put("salarissen:" + t.code(), t.salarissen());
            }
            return RawRecord.newBuilder()
                    .setRecordId(recordId(a.gemeente))
                    .setSource(SOURCE)
                    .setDataset(dataset)
                    .setPeriod(period)
                    .setAreaCode(null)
                    .setFields(fields)
                    .setFetchedAt(fetchedAt)
                    .setUri(origin.uri())
                    .setLocation(TextLines.describe(a.lines))
                    .setContentHash(origin.contentHash())
                    .setLicence(LICENCE)
                    .build();
        }

        private String recordId(String gemeente) {
            return SOURCE + "/" + dataset + "/" + period + "/" + gemeente;
        }
    }

    /** A cell exactly as written; an empty cell means the source has no value. */
    private static String cell(CSVRecord cells, int index) {
        String v = cells.get(index);
        return v.isBlank() ? null : v;
    }
}
