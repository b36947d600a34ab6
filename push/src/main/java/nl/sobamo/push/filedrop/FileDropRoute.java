package nl.sobamo.push.filedrop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.sobamo.hash.ContentHash;
import nl.sobamo.push.PushApiConfig;
import nl.sobamo.push.PushMetrics;
import nl.sobamo.push.PushRecords;
import nl.sobamo.push.Receipt;
import nl.sobamo.push.api.PushApiRoutes;
import nl.sobamo.push.validation.Dataset;
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
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final PushApiConfig config;
    private final PushValidator validator;
    private final Municipalities municipalities;
    private final PushMetrics metrics;
    private final Clock clock;

    /** What to do once Kafka acknowledged a valid file. */
    record Publish(Path file, byte[] content, Receipt receipt, long started) {
    }

    public FileDropRoute(PushApiConfig config, PushValidator validator, Municipalities municipalities,
                         PushMetrics metrics, Clock clock) {
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
                + "&readLock=changed&readLockCheckInterval={{" + PushApiConfig.DROP_READ_LOCK_MILLIS + "}}"
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
        byte[] content = exchange.getMessage().getMandatoryBody(byte[].class);
        String name = file.getFileName().toString();
        String municipality = file.getParent().getFileName().toString();
        String datasetId = name.toLowerCase(Locale.ROOT).split("[-_.]", 2)[0];
        Optional<Dataset> dataset = Dataset.byId(datasetId);

        List<Violation> problems = new ArrayList<>();
        if (!municipalities.contains(municipality)) {
            problems.add(new Violation(0, "directory", "known-municipality", "directory '" + municipality
                    + "' is not a municipality code (expected e.g. GM0166)"));
        }
        if (dataset.isEmpty()) {
            problems.add(new Violation(0, "file name", "known-dataset", "the file name must start with the dataset ("
                    + String.join(", ", Dataset.ids()) + "), e.g. visitors-2025.csv"));
        }
        List<TabularReader.TableRow> rows = List.of();
        if (problems.isEmpty()) {
            try {
                rows = TabularReader.read(name, content);
            } catch (IOException e) {
                problems.add(new Violation(0, null, "file-format", "cannot read the file: " + e.getMessage()));
            }
        }
        if (problems.isEmpty() && rows.isEmpty()) {
            problems.add(new Violation(0, null, "batch-not-empty", "the file has no data rows"));
        }
        if (problems.isEmpty() && rows.size() > config.maxBatchRecords()) {
            problems.add(new Violation(0, null, "max-batch-records", rows.size() + " rows; at most "
                    + config.maxBatchRecords() + " per file: split it"));
        }
        if (!problems.isEmpty()) {
            reject(file, content, problems, false, dataset.map(Dataset::id).orElse("unknown"), started);
            return;
        }
        List<JsonNode> records = new ArrayList<>(rows.size());
        rows.forEach(r -> records.add(TabularReader.toRecord(dataset.get(), r.cells())));
        List<TabularReader.TableRow> numbered = rows;
        ValidationResult result = validator.validateRows(municipality, dataset.get(), records,
                i -> numbered.get(i).row());
        if (!result.valid()) {
            reject(file, content, result.violations(), result.personalData(), dataset.get().id(), started);
            return;
        }
        Instant acceptedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // RawRecord keeps millis
        List<RawRecord> raw = PushRecords.toRawRecords(dataset.get(), municipality, result.records(), acceptedAt,
                "push-file:" + municipality + "/" + name, r -> "row " + r.index(), ContentHash.sha256Hex(content));
        List<String> ids = raw.stream().map(RawRecord::getRecordId).toList();
        Receipt receipt = new Receipt(UUID.randomUUID().toString(), municipality, dataset.get().id(), "create", null,
                acceptedAt.toString(), Topics.RAW_PUSH, ids.size(), ids);
        exchange.setProperty(PUBLISH, new Publish(file, content, receipt, started));
        exchange.getMessage().setBody(raw);
    }

    private void done(Exchange exchange) throws IOException {
        Publish publish = exchange.getProperty(PUBLISH, Publish.class);
        Path target = target(publish.file(), DONE);
        Files.write(target, publish.content());
        Files.writeString(target.resolveSibling(target.getFileName() + ".receipt.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(publish.receipt()), StandardCharsets.UTF_8);
        metrics.published(publish.receipt().count());
        metrics.request("file", publish.receipt().dataset(), 202, Duration.ofNanos(System.nanoTime() - publish.started()));
        LOG.info("Dropped file {} accepted: {} records published, moved to {}", publish.file(),
                publish.receipt().count(), target);
        // the file component deletes the original after this exchange completed
    }

    private void reject(Path file, byte[] content, List<Violation> violations, boolean personalData, String dataset,
                        long started) throws IOException {
        Path target = target(file, FAILED);
        if (!personalData) {
            Files.write(target, content);
        }
        StringBuilder report = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(report, CSVFormat.DEFAULT.builder().setDelimiter(';').get())) {
            printer.printRecord("row", "field", "rule", "message");
            if (personalData) {
                printer.printRecord(0, null, "personal-data", "the file contains personal data and was deleted, not"
                        + " stored; the monitor accepts aggregate figures only");
            }
            for (Violation v : violations) {
                printer.printRecord(v.record(), v.field(), v.rule(), v.message());
            }
        }
        Files.writeString(target.resolveSibling(target.getFileName() + ".errors.csv"), report, StandardCharsets.UTF_8);
        metrics.request("file", dataset, 422, Duration.ofNanos(System.nanoTime() - started));
        LOG.warn("Dropped file {} rejected ({} violations{}), report in {}", file, violations.size(),
                personalData ? ", personal data: file deleted" : "", target.getParent());
    }

    /** {@code <dir>/<sub>/<name>}, or with a time stamp before the extension when that name is taken. */
    private Path target(Path file, String sub) throws IOException {
        Path dir = file.getParent().resolve(sub);
        Files.createDirectories(dir);
        String name = file.getFileName().toString();
        Path target = dir.resolve(name);
        if (Files.exists(target) || Files.exists(dir.resolve(name + ".errors.csv"))) {
            int dot = name.lastIndexOf('.');
            target = dir.resolve(name.substring(0, dot) + "." + STAMP.format(clock.instant()) + name.substring(dot));
        }
        return target;
    }

}
