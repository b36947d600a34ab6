package nl.sobamo.push.filedrop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.sobamo.push.validation.Dataset;
import nl.sobamo.push.validation.FieldSpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a dropped CSV or XLSX export into records the {@link nl.sobamo.push.validation.PushValidator} checks
 * like JSON: the first row names the fields (the dataset's field names, e.g. {@code satisfied.positive}), every
 * further non-empty row is a record. Cells are text; they are turned into JSON values by the field's type:
 * numbers (decimal point or, without one, decimal comma), {@code true/false/ja/nee/yes/no/1/0}, ISO dates (an XLSX
 * date cell becomes yyyy-MM-dd). A cell that does not parse stays text, so the validator reports the type rule.
 * Empty cells are missing values.
 */
public final class TabularReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TabularReader() {
    }

    /**
     * A data row.
     *
     * @param row   its row number as a spreadsheet shows it (the header is row 1)
     * @param cells text per header name, in column order
     */
    public record TableRow(int row, Map<String, String> cells) {
    }

    /** The data rows, in file order. */
    public static List<TableRow> read(String fileName, byte[] content) throws IOException {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return readCsv(content);
        }
        if (lower.endsWith(".xlsx")) {
            return readXlsx(content);
        }
        throw new IOException("not a .csv or .xlsx file: " + fileName);
    }

    /** A row as a JSON record, typed by the dataset's fields (unknown columns stay text). */
    public static JsonNode toRecord(Dataset dataset, Map<String, String> row) {
        ObjectNode record = NODES.objectNode();
        row.forEach((column, text) -> {
            if (text == null || text.isBlank()) {
                return;
            }
            String value = text.strip();
            FieldSpec spec = dataset.field(column).orElse(null);
            record.set(column, spec == null ? NODES.textNode(value) : coerce(spec, value));
        });
        return record;
    }

    static JsonNode coerce(FieldSpec spec, String value) {
        switch (spec.type()) {
            case COUNT, YEAR, DECIMAL, AMOUNT -> {
                String number = value.contains(".") ? value : value.replace(',', '.');
                try {
                    return NODES.numberNode(new BigDecimal(number));
                } catch (NumberFormatException e) {
                    return NODES.textNode(value);
                }
            }
            case BOOLEAN -> {
                return switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "ja", "yes", "1", "waar" -> NODES.booleanNode(true);
                    case "false", "nee", "no", "0", "onwaar" -> NODES.booleanNode(false);
                    default -> NODES.textNode(value);
                };
            }
            default -> {
                return NODES.textNode(value);
            }
        }
    }

    private static List<TableRow> readCsv(byte[] content) throws IOException {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // Excel's UTF-8 byte order mark
        }
        int eol = text.indexOf('\n');
        String header = eol < 0 ? text : text.substring(0, eol);
        // Dutch Excel writes ';' (the comma is the decimal separator); others write ','
        char delimiter = count(header, ';') > count(header, ',') ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        List<TableRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> names = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < names.size() && i < record.size(); i++) {
                    row.put(names.get(i).strip(), record.get(i));
                }
                rows.add(new TableRow((int) parser.getCurrentLineNumber(), row));
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException("malformed CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    private static List<TableRow> readXlsx(byte[] content) throws IOException {
        List<TableRow> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            if (header == null) {
                return rows;
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c < header.getLastCellNum(); c++) {
                Cell cell = header.getCell(c);
                names.add(cell == null ? "" : formatter.formatCellValue(cell).strip());
            }
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                boolean empty = true;
                for (int c = 0; c < names.size(); c++) {
                    String text = cellText(row.getCell(c), formatter);
                    if (!names.get(c).isEmpty()) {
                        values.put(names.get(c), text);
                    }
                    empty &= text.isBlank();
                }
                if (!empty) {
                    rows.add(new TableRow(r + 1, values));
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("malformed XLSX: " + e.getMessage(), e);
        }
        return rows;
    }

    private static String cellText(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toLocalDate().toString();
            }
            return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
        }
        if (type == CellType.BOOLEAN) {
            return Boolean.toString(cell.getBooleanCellValue());
        }
        if (type == CellType.STRING) {
            return cell.getStringCellValue();
        }
        return type == CellType.BLANK ? "" : formatter.formatCellValue(cell);
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
