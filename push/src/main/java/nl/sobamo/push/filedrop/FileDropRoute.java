package nl.sobamo.push.filedrop;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.sobamo.hash.ContentHash;
import nl.sobamo.push.PushApiConfig;
import nl.sobamo.push.PushMetrics;
import nl.sobamo.push.PushRecords;
import nl.sobamo.push.Receipt;
import nl.sobamo.push.api.PushApiRoutes;
import nl.sobamo.push.validation.Dataset;
import nl.sobamo.push.validation.FieldSpec;
import nl.sobamo.push.validation.FieldType;
import nl.sobamo.push.validation.PersonalDataGuard;
import nl.sobamo.push.validation.Municipalities;
import nl.sobamo.push.validation.PushValidator;
import nl.sobamo.push.validation.ValidationResult;
import nl.sobamo.push.validation.Violation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.topics.Topics;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file drop (route {@value #ROUTE_ID}): {@code <dropDir>/<GM####>/<dataset>[-anything].csv|.xlsx}, e.g.
 * {@code GM0166/visitors-2025.csv}, with the same datasets, fields and rules as the API. A file is all or nothing:
 *
 * <ul>
 *   <li>valid: its records are published like an API request; after Kafka acknowledged all of them the file goes to
 *       {@code <GM####>/done/} with {@code <file>.receipt.json} (record id per row) beside it;</li>
 *   <li>invalid: nothing is published; the file goes to {@code <GM####>/failed/} with {@code <file>.errors.csv}
 *       (row;field;rule;message, rows numbered as a spreadsheet shows them, header = 1);</li>
 *   <li>personal data: as invalid, but the file itself is deleted, not kept in failed/ (only the report is
 *       written), because the monitor must not store personal data;</li>
 *   <li>Kafka unavailable: the file stays where it is and is tried again on a later poll.</li>
 * </ul>
 *
 * Partial files are not picked up: {@code readLock=changed} waits until size and modification time stay the same
 * for the read-lock interval. Each file is processed once: an idempotent repository ({@code .processed-files} in the
 * drop directory) remembers name, size and modification time, so a corrected file dropped under the same name is
 * processed again (and supersedes by record id), an unchanged one not.
 */
public final class FileDropRoute extends RouteBuilder {

    public static final String ROUTE_ID = "push-file-drop";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    static final String PUBLISH = "SobamoPushFilePublish";
    private static final Logger LOG = LoggerFactory.getLogger(FileDropRoute.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files above this are refused unread (at most max-batch-records rows fit in far less). */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final PushApiConfig config;
    private final PushValidator validator;
    private final Municipalities municipalities;
    private final PushMetrics metrics;
    private final Clock clock;

    /** What to do once Kafka acknowledged a valid file. */
    record Publish(Path file, byte[] content, Receipt receipt, long started) {
    }

    /** How a dropped file becomes a table ({@link TabularReader#read}; a test can make it fail any way). */
    @FunctionalInterface
    interface TableReader {
        TabularReader.Table read(String fileName, byte[] content) throws IOException;
    }

    private final TableReader reader;

    public FileDropRoute(PushApiConfig config, PushValidator validator, Municipalities municipalities,
                         PushMetrics metrics, Clock clock) {
        this(config, validator, municipalities, metrics, clock, TabularReader::read);
    }

    FileDropRoute(PushApiConfig config, PushValidator validator, Municipalities municipalities, PushMetrics metrics,
                  Clock clock, TableReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.config = Objects.requireNonNull(config, "config");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.municipalities = Objects.requireNonNull(municipalities, "municipalities");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void configure() throws Exception {
        Path dropDir = config.dropDir().orElseThrow(() -> new IllegalStateException(PushApiConfig.DROP_DIR + " not set"));
        Files.createDirectories(dropDir);
        FileIdempotentRepository processed = (FileIdempotentRepository) FileIdempotentRepository
                .fileIdempotentRepository(dropDir.resolve(".processed-files").toFile(), 100_000);
        getCamelContext().getRegistry().bind("sobamoPushDropProcessed", processed);

        from("file:{{" + PushApiConfig.DROP_DIR + "}}"
                + "?recursive=true&minDepth=2&maxDepth=2"
                + "&include=RAW((?i).*\\.(csv|xlsx))"
                // readLockMinLength=0: the default (1) never locks an empty file, which then waited forever unreported
                + "&readLock=changed&readLockMinLength=0&readLockCheckInterval={{" + PushApiConfig.DROP_READ_LOCK_MILLIS + "}}"
                + "&readLockMinAge={{" + PushApiConfig.DROP_READ_LOCK_MILLIS + "}}"
                // a file still changing is skipped after this and tried again on a later poll
                + "&readLockTimeout=" + (3 * config.dropReadLockMillis() + 1_000)
                + "&idempotent=true&idempotentRepository=#sobamoPushDropProcessed"
                + "&idempotentKey=${file:name}-${file:size}-${file:modified}"
                + "&delete=true&delay={{" + PushApiConfig.DROP_POLL_MILLIS + "}}")
                .routeId(ROUTE_ID)
                .process(this::check).id("push-file-check")
                .filter(exchangeProperty(PUBLISH).isNotNull())
                    .split(body()).parallelProcessing().stopOnException()
                        .process(e -> e.getMessage().setHeader(KafkaConstants.KEY,
                                e.getMessage().getMandatoryBody(RawRecord.class).getRecordId()))
                        .to(PushApiRoutes.PRODUCER).id("push-file-to-raw-topic")
                    .end()
                    .process(this::done).id("push-file-done")
                .end();
    }

    private void check(Exchange exchange) throws Exception {
        long started = System.nanoTime();
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        if (length != null && length > MAX_FILE_BYTES) {
            // not loaded at all: a file this size is no municipal export of at most max-batch-records rows
            reject(file, null, List.of(new Violation(0, null, "max-file-bytes", "the file has " + length
                    + " bytes; at most " + MAX_FILE_BYTES + ": split it")), false, "unknown", started);
            return;
        }
        byte[] content = exchange.getMessage().getMandatoryBody(byte[].class);
        Decision decision;
        try {
            decision = decide(file, content);
        } catch (Throwable t) {
            // also Errors: a NoSuchMethodError from a broken classpath or a StackOverflowError from a hostile
            // workbook must end in failed/ with a report, not in a retry every poll with a stack trace each time
            LOG.error("Dropped file {} could not be read", file, t);
            decision = new Rejected(List.of(new Violation(0, null, "file-unreadable", "the file could not be read ("
                    + t.getClass().getSimpleName() + "); nothing was published: check that it is a CSV or XLSX"
                    + " export, or contact the monitor's operators")), personalDataInBytes(content), "unknown");
        }
        if (decision instanceof Rejected r) {
            reject(file, content, r.violations(), r.personalData(), r.dataset(), started);
            return;
        }
        Accepted accepted = (Accepted) decision;
        exchange.setProperty(PUBLISH, new Publish(file, content, accepted.receipt(), started));
        exchange.getMessage().setBody(accepted.records());
    }

    /** What to do with a dropped file. */
    sealed interface Decision permits Accepted, Rejected {
    }

    record Accepted(List<RawRecord> records, Receipt receipt) implements Decision {
    }

    record Rejected(List<Violation> violations, boolean personalData, String dataset) implements Decision {
    }

    private Decision decide(Path file, byte[] content) {
        String name = file.getFileName().toString();
        String municipality = file.getParent().getFileName().toString();
        String datasetId = name.toLowerCase(Locale.ROOT).split("[-_.]", 2)[0];
        Optional<Dataset> dataset = Dataset.byId(datasetId);
        String datasetTag = dataset.map(Dataset::id).orElse("unknown");

        if (PersonalDataGuard.containsBsn(name) || PersonalDataGuard.containsEmail(name)) {
            return new Rejected(List.of(new Violation(0, "file name", "personal-data-file-name", "the file name"
                    + " contains a BSN or an e-mail address")), true, datasetTag);
        }
        List<Violation> problems = new ArrayList<>();
        if (!municipalities.contains(municipality)) {
            problems.add(new Violation(0, "directory", "known-municipality", "directory '" + municipality
                    + "' is not a municipality code (expected e.g. GM0166)"));
        }
        if (dataset.isEmpty()) {
            problems.add(new Violation(0, "file name", "known-dataset", "the file name must start with the dataset ("
                    + String.join(", ", Dataset.ids()) + "), e.g. visitors-2025.csv"));
        }
        TabularReader.Table table;
        try {
            table = reader.read(name, content);
        } catch (IOException e) {
            String rule = e instanceof TableFormatException f ? f.rule() : "file-format";
            problems.add(new Violation(0, null, rule, "cannot read the file: " + e.getMessage()));
            return new Rejected(problems, personalDataInBytes(content), datasetTag);
        }
        // the guard sees every cell before anything decides to keep the file in failed/
        Set<String> amounts = dataset.map(FileDropRoute::amountFields).orElse(Set.of());
        List<TabularReader.Typed> typed = new ArrayList<>(table.rows().size());
        List<Violation> personal = new ArrayList<>();
        for (TabularReader.TableRow row : table.rows()) {
            TabularReader.Typed t = TabularReader.toRecord(dataset.orElse(null), row);
            typed.add(t);
            personal.addAll(PersonalDataGuard.scan(t.record(), row.row(), amounts));
        }
        if (!personal.isEmpty()) {
            return new Rejected(personal, true, datasetTag);
        }
        problems.addAll(table.problems());
        if (problems.isEmpty() && table.rows().isEmpty()) {
            problems.add(new Violation(0, null, "batch-not-empty", "the file has no data rows"));
        }
        if (problems.isEmpty() && table.rows().size() > config.maxBatchRecords()) {
            problems.add(new Violation(0, null, "max-batch-records", table.rows().size() + " rows; at most "
                    + config.maxBatchRecords() + " per file: split it"));
        }
        if (!problems.isEmpty()) {
            return new Rejected(problems, false, datasetTag);
        }
        List<Violation> readProblems = new ArrayList<>();
        List<JsonNode> records = new ArrayList<>(typed.size());
        for (TabularReader.Typed t : typed) {
            readProblems.addAll(t.problems());
            records.add(t.record());
        }
        List<TabularReader.TableRow> rows = table.rows();
        ValidationResult result = validator.validateRows(municipality, dataset.get(), records,
                i -> rows.get(i).row());
        if (!result.valid() || !readProblems.isEmpty()) {
            return new Rejected(merge(readProblems, result.violations()), result.personalData(), datasetTag);
        }
        Instant acceptedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // RawRecord keeps millis
        List<RawRecord> raw = PushRecords.toRawRecords(dataset.get(), municipality, result.records(), acceptedAt,
                "push-file:" + municipality + "/" + name, r -> "row " + r.index(), ContentHash.sha256Hex(content));
        List<String> ids = raw.stream().map(RawRecord::getRecordId).toList();
        Receipt receipt = new Receipt(UUID.randomUUID().toString(), municipality, dataset.get().id(), "create", null,
                acceptedAt.toString(), Topics.RAW_PUSH, ids.size(), ids);
        return new Accepted(raw, receipt);
    }

    /**
     * The reader's problems first; the validator's type and unknown-field complaints about the same cells are
     * left out (the reader already said why the cell could not be read, and a {@code #column-N} is no field).
     */
    private static List<Violation> merge(List<Violation> read, List<Violation> validated) {
        Set<String> said = new HashSet<>();
        read.forEach(v -> said.add(v.record() + "/" + v.field()));
        List<Violation> all = new ArrayList<>(read);
        for (Violation v : validated) {
            boolean unnamed = v.field() != null && v.field().startsWith(TabularReader.UNNAMED);
            boolean typeOfUnreadCell = v.rule().startsWith("type-") && said.contains(v.record() + "/" + v.field());
            if (!unnamed && !typeOfUnreadCell) {
                all.add(v);
            }
        }
        all.sort(Comparator.comparingInt(Violation::record));
        return all;
    }

    private static Set<String> amountFields(Dataset dataset) {
        return dataset.fields().stream().filter(f -> f.type() == FieldType.AMOUNT).map(FieldSpec::name)
                .collect(Collectors.toSet());
    }

    /**
     * For a file that cannot be read as a table: personal data in its bytes read as any of the encodings an export
     * comes in. Such a file is deleted like one read and found to hold personal data. (A workbook that cannot be
     * opened cannot be scanned: its compressed bytes show nothing.)
     */
    static boolean personalDataInBytes(byte[] content) {
        if (content == null) {
            return false;
        }
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("windows-1252"),
                StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            String text = new String(content, charset);
            if (PersonalDataGuard.containsBsn(text) || PersonalDataGuard.containsEmail(text)) {
                return true;
            }
        }
        return false;
    }

    private void done(Exchange exchange) throws IOException {
        Publish publish = exchange.getProperty(PUBLISH, Publish.class);
        Path target = target(publish.file(), DONE, false);
        Files.write(target, publish.content());
        Files.writeString(target.resolveSibling(target.getFileName() + ".receipt.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(publish.receipt()), StandardCharsets.UTF_8);
        metrics.published(publish.receipt().count());
        metrics.request("file", publish.receipt().dataset(), 202, Duration.ofNanos(System.nanoTime() - publish.started()));
        metrics.file("published", null);
        LOG.info("Dropped file {} accepted: {} records published, moved to {}", publish.file(),
                publish.receipt().count(), target);
        // the file component deletes the original after this exchange completed
    }

    private void reject(Path file, byte[] content, List<Violation> violations, boolean personalData, String dataset,
                        long started) throws IOException {
        Path target = target(file, FAILED, personalData);
        if (!personalData && content != null) {
            Files.write(target, content);
        }
        List<Violation> lines = new ArrayList<>();
        if (personalData) {
            lines.add(new Violation(0, null, "personal-data", "the file contains personal data and was deleted, not"
                    + " stored; the monitor accepts aggregate figures only"));
        }
        lines.addAll(violations);
        Files.writeString(target.resolveSibling(target.getFileName() + ".errors.csv"), ErrorReport.render(lines),
                StandardCharsets.UTF_8);
        String reason = violations.isEmpty() ? "other" : violations.get(0).rule();
        metrics.request("file", dataset, 422, Duration.ofNanos(System.nanoTime() - started));
        metrics.rejected("file", reason);
        metrics.file(personalData ? "deleted-personal-data" : "rejected", reason);
        LOG.warn("Dropped file {} rejected ({} violations, first {}{}), report in {}", personalData ? "(name withheld)"
                : file, violations.size(), reason, personalData ? ", personal data: file deleted" : "",
                target.getParent());
        // the file component deletes the original after this exchange completed (also a file with personal data)
    }

    /** {@code <dir>/<sub>/<name>}, or with a time stamp before the extension when that name is taken. */
    private Path target(Path file, String sub, boolean personalData) throws IOException {
        Path dir = file.getParent().resolve(sub);
        Files.createDirectories(dir);
        String original = file.getFileName().toString();
        // a file name holding personal data must not live on in the report's name
        String name = personalData && (PersonalDataGuard.containsBsn(original)
                || PersonalDataGuard.containsEmail(original)) ? "personal-data" + extension(original) : original;
        Path target = dir.resolve(name);
        if (Files.exists(target) || Files.exists(dir.resolve(name + ".errors.csv"))) {
            int dot = name.lastIndexOf('.');
            target = dir.resolve(name.substring(0, dot) + "." + STAMP.format(clock.instant()) + name.substring(dot));
        }
        return target;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

}
