package nl.sobamo.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the production image carries ({@code target/image}, built by the package phase and copied by
 * deploy/docker/Dockerfile): the four services and what they need at run time, and nothing of the local runner.
 * Runs the ingest CLI from exactly that classpath, the way the image's ENTRYPOINT does, so a library the services
 * need but only the runner brought along shows up here and not in a cluster.
 */
class ImageContentsIT {

    private static final Path IMAGE = Path.of("target", "image");
    private static final List<String> SERVICE_MAINS = List.of("nl.sobamo.ingest.IngestApplication",
            "nl.sobamo.push.PushApiMain", "nl.sobamo.normalize.app.NormalizeApp", "nl.sobamo.aggregate.app.AggregateApp");

    private static List<Path> jars;

    @BeforeAll
    static void listJars() throws IOException {
        try (Stream<Path> files = Files.list(IMAGE.resolve("lib"))) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(jars).as("run the package phase first").isNotEmpty();
    }

    @Test
    void carriesTheServicesAndNotTheRunnerBrokerOrFixtures() throws IOException {
        List<String> names = jars.stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).anyMatch(n -> n.startsWith("sobamo-ingest-")).anyMatch(n -> n.startsWith("sobamo-push-"))
                .anyMatch(n -> n.startsWith("sobamo-normalize-")).anyMatch(n -> n.startsWith("sobamo-aggregate-"))
                .anyMatch(n -> n.startsWith("logback-classic-"));
        assertThat(names).noneMatch(n -> n.startsWith("sobamo-deploy-")).noneMatch(n -> n.startsWith("sobamo-fixtures-"))
                .noneMatch(n -> n.startsWith("kafka_2.13-")).noneMatch(n -> n.startsWith("kafka-server-"))
                .noneMatch(n -> n.startsWith("scala-library-"));
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.stream().map(e -> e.getName()))
                        .as(jar + " carries no recorded fixtures, fixture server or embedded broker")
                        .noneMatch(n -> n.startsWith("fixtures/"))
                        .noneMatch(n -> n.startsWith("nl/sobamo/fixtures/"))
                        .noneMatch(n -> n.startsWith("nl/sobamo/deploy/"));
            }
        }
        assertThat(IMAGE.resolve("conf").resolve("logback.xml")).exists();
    }

    @Test
    void everyServiceMainLoadsFromTheImageClasspath() throws Exception {
        try (URLClassLoader image = imageClassLoader()) {
            for (String main : SERVICE_MAINS) {
                Class<?> type = Class.forName(main, true, image);
                assertThat(type.getMethod("main", String[].class)).as(main).isNotNull();
            }
        }
    }

    /**
     * The XLSX file drop works on the image's classpath: POI links against the covariant
     * {@code ZipArchiveEntry getNextEntry()} of commons-compress 1.26+, and an older commons-compress winning the
     * dependency mediation only fails at run time (it did once, through testcontainers).
     */
    @Test
    void theXlsxDropReadsAWorkbookOnTheImageClasspath() throws Exception {
        ByteArrayOutputStream workbookBytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Row header = workbook.createSheet("visitors").createRow(0);
            header.createCell(0).setCellValue("facilityId");
            header.createCell(1).setCellValue("visits");
            Row row = workbook.getSheet("visitors").createRow(1);
            row.createCell(0).setCellValue("bh-de-brug");
            row.createCell(1).setCellValue(1234);
            workbook.write(workbookBytes);
        }
        try (URLClassLoader image = imageClassLoader()) {
            Class<?> zip = Class.forName("org.apache.commons.compress.archivers.zip.ZipArchiveInputStream", true, image);
            assertThat(zip.getMethod("getNextEntry").getReturnType().getName())
                    .isEqualTo("org.apache.commons.compress.archivers.zip.ZipArchiveEntry");
            Class<?> reader = Class.forName("nl.sobamo.push.filedrop.TabularReader", true, image);
            Object table = reader.getMethod("read", String.class, byte[].class)
                    .invoke(null, "visitors-2025.xlsx", workbookBytes.toByteArray());
            List<?> rows = (List<?>) table.getClass().getMethod("rows").invoke(table);
            assertThat(rows).hasSize(1);
        }
    }

    private static URLClassLoader imageClassLoader() throws IOException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        // parent = the platform loader: nothing of this test's own classpath may help the services load
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void theIngestCliRunsFromTheImageClasspathAndRejectsBadOptions() throws Exception {
        // exit 2 = bad options: the JVM started the CLI from the image's classpath alone and it answered
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + IMAGE.resolve("conf/logback.xml").toAbsolutePath(),
                "-cp", IMAGE.resolve("lib").toAbsolutePath() + "/*", "nl.sobamo.ingest.IngestApplication",
                "pull", "--kwb-years=1999"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("usage: pull");
    }
}
