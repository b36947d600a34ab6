package nl.sobamo.push.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.config.ConnectionSettings;
import nl.sobamo.push.PushApi;
import nl.sobamo.push.PushApiConfig;
import nl.sobamo.push.PushKafka;
import nl.sobamo.push.PushMetrics;
import nl.sobamo.push.filedrop.FileDropRoute;
import nl.sobamo.push.validation.PersonalDataGuard;
import nl.sobamo.schemas.RawRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code corpus/filedrop/} (written by {@code corpus/generate.py}, expectations in
 * {@code expected.csv}) dropped at once into the running drop with a real broker: each ends where expected
 * (done/, failed/ with the file, or deleted with only a report), with the expected first reason, every one with a
 * metric, and nothing the personal-data guard recognises reaches the topic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileDropCorpusIT {

    @TempDir
    static Path dir;
    static Path drop;
    static PushKafka kafka;
    static PushApi api;
    static SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static Map<TopicPartition, Long> start;

    /** One line of expected.csv: where the file must end and the rule of its first problem. */
    record Expected(String file, String outcome, String reason) {

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Expected> expected() throws IOException {
        List<Expected> all = new ArrayList<>();
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(resource("expected.csv")))) {
            all.add(new Expected(r.get("file"), r.get("outcome"), r.get("reason")));
        }
        return all.stream();
    }

    private static String resource(String name) throws IOException {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = FileDropCorpusIT.class.getResourceAsStream("/corpus/filedrop/" + name)) {
            return in.readAllBytes();
        }
    }

    @BeforeAll
    static void startDrop() throws Exception {
        kafka = PushKafka.start();
        drop = dir.resolve("drop");
        Files.createDirectories(drop);
        api = PushApi.start(PushApiConfig.from(Map.of(
                ConnectionSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                ConnectionSettings.REGISTRY_URL, "mock://file-drop-corpus-it",
                PushApiConfig.PORT, "0",
                PushApiConfig.KEYS_FILE, dir.resolve("keys.txt").toString(),
                PushApiConfig.RECEIPTS_FILE, dir.resolve("receipts.jsonl").toString(),
                PushApiConfig.MAX_BATCH_RECORDS, "50",
                PushApiConfig.DROP_DIR, drop.toString(),
                PushApiConfig.DROP_POLL_MILLIS, "100",
                PushApiConfig.DROP_READ_LOCK_MILLIS, "200")), registry);
        start = kafka.endOffsets();
        for (Expected e : expected().toList()) {
            // written beside and moved in, as a careful municipality does
            Path target = drop.resolve(e.file());
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
            Files.write(tmp, bytes(e.file()));
            Files.move(tmp, target);
        }
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

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("expected")
    void endsWhereExpectedWithTheExpectedReason(Expected e) throws Exception {
        Path file = drop.resolve(e.file());
        Path folder = file.getParent();
        String name = file.getFileName().toString();
        Path report = folder.resolve(FileDropRoute.FAILED).resolve(name + ".errors.csv");
        Path receipt = folder.resolve(FileDropRoute.DONE).resolve(name + ".receipt.json");

        await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(file)
                && (Files.exists(report) || Files.exists(receipt)));

        switch (e.outcome()) {
            case "done" -> assertThat(receipt).as(e.file()).exists();
            case "failed" -> {
                assertThat(report).as(e.file()).exists();
                assertThat(folder.resolve(FileDropRoute.FAILED).resolve(name)).as(e.file()).exists();
                assertThat(firstReason(report)).as(e.file()).isEqualTo(e.reason());
            }
            default -> {
                assertThat(report).as(e.file()).exists();
                assertThat(folder.resolve(FileDropRoute.FAILED).resolve(name)).as("deleted " + e.file()).doesNotExist();
                assertThat(firstReason(report)).as(e.file()).isEqualTo(e.reason());
                String text = Files.readString(report);
                assertThat(text).doesNotContain("111222333").doesNotContain("222 333").doesNotContain("jan@");
            }
        }
    }

    /** The rule of the first problem; the "personal-data: file deleted" line of a deleted file is not one. */
    private static String firstReason(Path report) throws IOException {
        List<CSVRecord> lines = CSVFormat.DEFAULT.builder().setDelimiter(';').get()
                .parse(new StringReader(Files.readString(report))).getRecords();
        return lines.stream().skip(1).map(r -> r.get(2)).filter(rule -> !rule.equals("personal-data"))
                .findFirst().orElse("personal-data");
    }

    @Order(2)
    @Test
    void everyFileIsCountedAndNoPersonalDataReachedTheTopic() throws Exception {
        long files = expected().count();
        double counted = registry.find(PushMetrics.FILES.name()).counters().stream().mapToDouble(c -> c.count()).sum();
        List<ConsumerRecord<String, RawRecord>> written = kafka.readSince(start);

        assertThat(counted).isEqualTo(files);
        assertThat(written).isNotEmpty();
        for (ConsumerRecord<String, RawRecord> r : written) {
            r.value().getFields().forEach((field, value) -> {
                assertThat(PersonalDataGuard.personalFieldName(field)).as(field).isFalse();
                assertThat(PersonalDataGuard.containsBsn(value) || PersonalDataGuard.containsEmail(value))
                        .as(r.key() + " " + field).isFalse();
            });
        }
    }
}
