package nl.sobamo.push.filedrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.config.ConnectionSettings;
import nl.sobamo.push.PushApiConfig;
import nl.sobamo.push.PushMetrics;
import nl.sobamo.push.validation.Municipalities;
import nl.sobamo.push.validation.PushValidator;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop route without Kafka: files that never reach publishing (unreadable, empty) must end in failed/ with a
 * report and a metric, exactly once.
 */
class FileDropRouteTest {

    @TempDir
    Path dir;
    DefaultCamelContext camel;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Path start(FileDropRoute.TableReader reader) throws Exception {
        Path drop = dir.resolve("drop");
        Files.createDirectories(drop.resolve("GM0166"));
        PushApiConfig config = PushApiConfig.from(Map.of(
                ConnectionSettings.BOOTSTRAP_SERVERS, "127.0.0.1:1",
                ConnectionSettings.REGISTRY_URL, "mock://file-drop-route-test",
                PushApiConfig.KEYS_FILE, dir.resolve("keys.txt").toString(),
                PushApiConfig.RECEIPTS_FILE, dir.resolve("receipts.jsonl").toString(),
                PushApiConfig.DROP_DIR, drop.toString(),
                PushApiConfig.DROP_POLL_MILLIS, "50",
                PushApiConfig.DROP_READ_LOCK_MILLIS, "100"));
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setOverrideProperties(config.toProperties());
        camel.addRoutes(new FileDropRoute(config, new PushValidator(Clock.systemUTC()), Municipalities.bundled(),
                new PushMetrics(registry), Clock.systemUTC(), reader));
        camel.start();
        return drop.resolve("GM0166");
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    private double files(String outcome, String reason) {
        var counter = registry.find(PushMetrics.FILES.name()).tags("outcome", outcome, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anErrorWhileReadingMovesTheFileToFailedWithAReportAndAMetricOnce() throws Exception {
        Path folder = start((name, content) -> {
            // what POI 5.5 threw on deploy's runtime classpath with commons-compress 1.24
            throw new NoSuchMethodError("'org.apache.commons.compress.archivers.zip.ZipArchiveEntry"
                    + " org.apache.commons.compress.archivers.zip.ZipArchiveInputStream.getNextEntry()'");
        });
        Path file = Files.write(folder.resolve("visitors-2025.xlsx"), "PK".getBytes(StandardCharsets.UTF_8));
        Path report = folder.resolve("failed/visitors-2025.xlsx.errors.csv");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(report) && !Files.exists(file));

        assertThat(folder.resolve("failed/visitors-2025.xlsx")).hasContent("PK");
        assertThat(Files.readAllLines(report)).hasSize(2).last().asString()
                .startsWith("0;;file-unreadable;\"the file could not be read (NoSuchMethodError); nothing was published");
        assertThat(files("rejected", "file-unreadable")).isEqualTo(1.0);
        assertThat(registry.get(PushMetrics.REJECTIONS.name()).tags("channel", "file", "reason", "file-unreadable")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void anEmptyFileIsReportedNotLeftWaiting() throws Exception {
        Path folder = start(TabularReader::read);
        Path file = Files.write(folder.resolve("visitors-empty.csv"), new byte[0]);
        Path report = folder.resolve("failed/visitors-empty.csv.errors.csv");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(report) && !Files.exists(file));

        assertThat(Files.readAllLines(report)).containsExactly("row;field;rule;message",
                "0;;batch-not-empty;the file has no data rows");
        assertThat(files("rejected", "batch-not-empty")).isEqualTo(1.0);
    }
}
