package nl.sobamo.push.filedrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The commons-compress on this classpath is one POI can read workbooks with. A too-old one (1.24, brought by
 * testcontainers into deploy's runtime) fails only at run time with {@code NoSuchMethodError:
 * ZipArchiveInputStream.getNextEntry()}, so the check is: the method POI links against exists, and a real
 * workbook reads. The same two checks belong on deploy's runtime classpath (deploy/target/lib).
 */
class PoiRuntimeTest {

    @Test
    void commonsCompressHasTheZipMethodPoiLinksAgainst() throws Exception {
        Method next = ZipArchiveInputStream.class.getMethod("getNextEntry");

        // POI 5.5 is compiled against the covariant ZipArchiveEntry getNextEntry() of commons-compress >= 1.26
        assertThat(next.getReturnType()).isEqualTo(ZipArchiveEntry.class);
    }

    @Test
    void aRealWorkbookIsReadThroughTheDropReader() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Row header = workbook.createSheet("visitors").createRow(0);
            header.createCell(0).setCellValue("facilityId");
            header.createCell(1).setCellValue("visits");
            Row row = workbook.getSheet("visitors").createRow(1);
            row.createCell(0).setCellValue("bh-de-brug");
            row.createCell(1).setCellValue(1.234);
            workbook.write(bytes);
        }

        TabularReader.Table table = TabularReader.read("visitors-2025.xlsx", bytes.toByteArray());

        assertThat(table.rows()).singleElement().satisfies(r -> {
            assertThat(r.cells()).containsEntry("facilityId", "bh-de-brug").containsEntry("visits", "1.234");
            // a number cell is exact: no thousands separator to guess
            assertThat(r.exact()).containsExactly("visits");
        });
    }
}
