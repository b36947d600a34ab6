package nl.sobamo.push.filedrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.config.ConnectionSettings;
import nl.sobamo.push.PushApi;
import nl.sobamo.push.PushApiConfig;
import nl.sobamo.push.PushKafka;
import nl.sobamo.schemas.RawRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file drop against a real broker: CSV and XLSX in, done/ or failed/ with a report out. */
class PushFileDropIT {

    @TempDir
    static Path dir;
    static Path drop;
    static PushKafka kafka;
    static PushApi api;

    @BeforeAll
    static void start() throws Exception {
        kafka = PushKafka.start();
        drop = dir.resolve("drop");
        Files.createDirectories(drop.resolve("GM0166"));
        api = PushApi.start(PushApiConfig.from(Map.of(
                ConnectionSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                ConnectionSettings.REGISTRY_URL, "mock://push-file-drop-it",
                PushApiConfig.PORT, "0",
                PushApiConfig.KEYS_FILE, dir.resolve("keys.txt").toString(),
                PushApiConfig.RECEIPTS_FILE, dir.resolve("receipts.jsonl").toString(),
                PushApiConfig.DROP_DIR, drop.toString(),
                PushApiConfig.DROP_POLL_MILLIS, "100",
                PushApiConfig.DROP_READ_LOCK_MILLIS, "300")), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Writes through a temporary name and a move, as a careful municipality would (and as the report expects). */
    private static Path drop(String name, byte[] content) throws Exception {
        Path tmp = drop.resolve("GM0166").resolve("." + name + ".part");
        Files.write(tmp, content);
        return Files.move(tmp, drop.resolve("GM0166").resolve(name));
    }

    @Test
    void aValidCsvIsPublishedAndMovedToDoneWithItsReceipt() throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();
        String csv = "facilityId;facilityType;areaCode;periodStart;periodEnd;visits;uniqueVisitors;estimated\n"
                + "bh-de-brug;buurthuis;WK016600;2025-04-01;2025-06-30;3980;702;ja\n"
                + "\n"
                + "inloop-ijsselmuiden;inloop;WK016603;2025-04-01;2025-06-30;1010;;nee\n";
        Path file = drop("visitors-2025-q2.csv", csv.getBytes(StandardCharsets.UTF_8));
        Path done = drop.resolve("GM0166/done/visitors-2025-q2.csv");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(done.resolveSibling("visitors-2025-q2.csv.receipt.json")));

        assertThat(file).doesNotExist();
        assertThat(Files.readString(done)).isEqualTo(csv);
        JsonNode receipt = new ObjectMapper().readTree(done.resolveSibling("visitors-2025-q2.csv.receipt.json").toFile());
        assertThat(receipt.get("recordIds")).extracting(JsonNode::asText).containsExactly(
                "push/visitors/GM0166/bh-de-brug/2025-04-01/2025-06-30",
                "push/visitors/GM0166/inloop-ijsselmuiden/2025-04-01/2025-06-30");
        List<ConsumerRecord<String, RawRecord>> written = kafka.readSince(before);
        assertThat(written).hasSize(2);
        RawRecord brug = written.stream().map(ConsumerRecord::value).filter(r -> r.getRecordId().contains("brug"))
                .findFirst().orElseThrow();
        assertThat(brug.getFields()).isEqualTo(Map.of("facilityId", "bh-de-brug", "facilityType", "buurthuis",
                "areaCode", "WK016600", "periodStart", "2025-04-01", "periodEnd", "2025-06-30", "visits", "3980",
                "uniqueVisitors", "702", "estimated", "true", "municipalityCode", "GM0166"));
        assertThat(brug.getUri()).isEqualTo("push-file:GM0166/visitors-2025-q2.csv");
        assertThat(brug.getLocation()).isEqualTo("row 2");
        RawRecord inloop = written.stream().map(ConsumerRecord::value).filter(r -> r != brug).findFirst().orElseThrow();
        assertThat(inloop.getLocation()).isEqualTo("row 4");
        assertThat(inloop.getFields()).containsEntry("estimated", "false").doesNotContainKey("uniqueVisitors");
    }

    @Test
    void anXlsxExportIsReadWithNumberAndDateCells() throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("enquete");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd-mm-yyyy"));
            String[] header = {"service", "areaCode", "periodStart", "periodEnd", "respondents", "satisfied.positive",
                    "satisfied.neutral", "satisfied.negative"};
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("jongerenwerk-ijsselmuiden");
            r.createCell(1).setCellValue("WK016603");
            r.createCell(2).setCellValue(LocalDate.of(2025, 1, 1));
            r.getCell(2).setCellStyle(date);
            r.createCell(3).setCellValue(LocalDate.of(2025, 6, 30));
            r.getCell(3).setCellStyle(date);
            r.createCell(4).setCellValue(26);
            r.createCell(5).setCellValue(19);
            r.createCell(6).setCellValue(5);
            r.createCell(7).setCellValue(2);
            workbook.write(bytes);
        }
        drop("experience-2025-h1.xlsx", bytes.toByteArray());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(drop.resolve("GM0166/done/experience-2025-h1.xlsx.receipt.json")));

        List<ConsumerRecord<String, RawRecord>> written = kafka.readSince(before);
        assertThat(written).extracting(ConsumerRecord::key)
                .containsExactly("push/experience/GM0166/jongerenwerk-ijsselmuiden/WK016603/2025-01-01/2025-06-30");
        assertThat(written.get(0).value().getFields()).isEqualTo(Map.of("service", "jongerenwerk-ijsselmuiden",
                "areaCode", "WK016603", "periodStart", "2025-01-01", "periodEnd", "2025-06-30", "respondents", "26",
                "satisfied.positive", "19", "satisfied.neutral", "5", "satisfied.negative", "2",
                "municipalityCode", "GM0166"));
    }

    @Test
    void anInvalidFileGoesToFailedWithAPerRowReportAndPublishesNothing() throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();
        String csv = "organisation,areaCode,periodStart,periodEnd,volunteers,hoursPerWeek\n"
                + "Vrijwilligerscentrale Kampen,GM0166,2025-01-01,2025-06-30,412,\"1650,5\"\n"
                + "Buurtbus Kampen,GM0166,2025-01-01,2025-06-30,-3,40\n"
                + "Voedselbank,WK019300,2025-01-01,2025-06-30,25,veel\n";
        Path file = drop("volunteers-2025.csv", csv.getBytes(StandardCharsets.UTF_8));
        Path report = drop.resolve("GM0166/failed/volunteers-2025.csv.errors.csv");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));

        assertThat(file).doesNotExist();
        assertThat(Files.readString(drop.resolve("GM0166/failed/volunteers-2025.csv"))).isEqualTo(csv);
        assertThat(Files.readAllLines(report)).containsExactly(
                "row;field;rule;message",
                "3;volunteers;not-negative;field 'volunteers' must not be negative",
                "4;areaCode;area-in-municipality;field 'areaCode' (WK019300) is not inside GM0166",
                "4;hoursPerWeek;type-number;field 'hoursPerWeek' must be a JSON number (number >= 0)");
        assertThat(kafka.appendedSince(before)).isZero();
    }

    @Test
    void aFileWithPersonalDataIsDeletedNotKeptAndOnlyTheReportRemains() throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();
        String csv = "facilityId,facilityType,areaCode,periodStart,periodEnd,visits,bsn\n"
                + "bh-de-brug,buurthuis,WK016600,2025-01-01,2025-01-31,1,111222333\n";
        Path file = drop("visitors-export.csv", csv.getBytes(StandardCharsets.UTF_8));
        Path report = drop.resolve("GM0166/failed/visitors-export.csv.errors.csv");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));

        assertThat(file).doesNotExist();
        assertThat(drop.resolve("GM0166/failed/visitors-export.csv")).doesNotExist();
        assertThat(Files.readString(report)).doesNotContain("111222333");
        assertThat(Files.readAllLines(report)).containsExactly(
                "row;field;rule;message",
                // messages holding the ';' delimiter are quoted
                "0;;personal-data;\"the file contains personal data and was deleted, not stored; the monitor accepts"
                        + " aggregate figures only\"",
                "2;bsn;personal-data-field;\"field 'bsn' names a person-level attribute; the monitor accepts aggregate"
                        + " figures only\"",
                "2;bsn;personal-data-bsn;\"the value of field 'bsn' contains a nine-digit number that passes the BSN"
                        + " 11-proef; the monitor accepts aggregate figures only\"");
        assertThat(kafka.appendedSince(before)).isZero();
    }

    @Test
    void anUnknownDatasetOrDirectoryIsReportedAndAFileStillBeingWrittenIsNotPickedUp() throws Exception {
        Path file = drop("bezoekers-2025.csv", "a;b\n1;2\n".getBytes(StandardCharsets.UTF_8));
        // "still being written": modified in the future, so it can never be older than the read-lock age (no
        // race against a 300 ms window on a loaded machine)
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plus(Duration.ofHours(1))));
        Path report = drop.resolve("GM0166/failed/bezoekers-2025.csv.errors.csv");

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));

        assertThat(Files.readAllLines(report)).containsExactly(
                "row;field;rule;message",
                "0;file name;known-dataset;the file name must start with the dataset (budget, visitors, volunteers,"
                        + " experience, facilities), e.g. visitors-2025.csv");
    }

    @Test
    void raggedRowsAmbiguousNumbersAndFormulasAreReportedNeverGuessed() throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();
        String csv = "facilityId;facilityType;areaCode;periodStart;periodEnd;visits;=SUM(A1)\n"
                + "bh-de-brug;buurthuis;WK016600;2025-01-01;2025-03-31;12.000;x\n"
                + "bh-de-brug;buurthuis;WK016600;2025-04-01;2025-06-30;120;x;extra\n";
        drop("visitors-ragged.csv", csv.getBytes(StandardCharsets.UTF_8));
        Path report = drop.resolve("GM0166/failed/visitors-ragged.csv.errors.csv");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));

        List<String> lines = Files.readAllLines(report);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("2;visits;ambiguous-number;");
        assertThat(lines.get(2)).startsWith("2;'=SUM(A1);unknown-field;");
        assertThat(lines.get(3)).startsWith("3;;extra-cells;");
        assertThat(lines.get(4)).startsWith("3;'=SUM(A1);unknown-field;");
        assertThat(kafka.appendedSince(before)).isZero();
    }

    @Test
    void aDuplicateHeaderRejectsTheWholeFile() throws Exception {
        String csv = "facilityId,facilityType,areaCode,periodStart,periodEnd,visits,visits\n"
                + "bh-de-brug,buurthuis,WK016600,2025-01-01,2025-03-31,12,13\n";
        drop("visitors-dup.csv", csv.getBytes(StandardCharsets.UTF_8));
        Path report = drop.resolve("GM0166/failed/visitors-dup.csv.errors.csv");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));

        assertThat(Files.readAllLines(report)).hasSize(2).last().asString().startsWith("1;visits;duplicate-header;");
    }

    @Test
    void aSpacedBsnInAnyDropFileDeletesItAndTheReportDoesNotRepeatIt() throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();
        String csv = "organisation;areaCode;periodStart;periodEnd;volunteers\n"
                + "client 111 222 333;GM0166;2025-01-01;2025-06-30;40\n";
        Path file = drop("volunteers-spaced.csv", csv.getBytes(StandardCharsets.UTF_8));
        Path report = drop.resolve("GM0166/failed/volunteers-spaced.csv.errors.csv");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));

        assertThat(file).doesNotExist();
        assertThat(drop.resolve("GM0166/failed/volunteers-spaced.csv")).doesNotExist();
        assertThat(Files.readString(report)).contains("personal-data-bsn").doesNotContain("111").doesNotContain("333");
        assertThat(kafka.appendedSince(before)).isZero();
    }
}
