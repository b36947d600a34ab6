package nl.sobamo.push.filedrop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.sobamo.push.validation.Dataset;
import nl.sobamo.push.validation.FieldSpec;
import nl.sobamo.push.validation.Violation;
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
 * further non-empty row is a record. Cells are text; they are turned into JSON values by the field's type.
 *
 * <p>The reader never guesses: what it cannot read unambiguously is a problem in the report, not a value.
 * A cell beyond the header ({@value #EXTRA_CELLS}), a number with a possible thousands separator such as
 * {@code 12.000} or {@code 1.250.000,50} ({@value #AMBIGUOUS_NUMBER}) are per-row problems; the same column name
 * twice ({@value #DUPLICATE_HEADER}) rejects the file; CSV must be UTF-8 (with or without byte order mark) or
 * UTF-16 with a byte order mark ({@value #FILE_ENCODING}). Numbers: digits with at most one decimal point or
 * comma; booleans {@code true/false/ja/nee/yes/no/1/0}; ISO dates (an XLSX date cell becomes yyyy-MM-dd). A cell
 * that does not parse stays text, so the validator reports the type rule. Empty cells are missing values.
 */
public final class TabularReader {

    public static final String EXTRA_CELLS = "extra-cells";
    public static final String AMBIGUOUS_NUMBER = "ambiguous-number";
    public static final String DUPLICATE_HEADER = "duplicate-header";
    public static final String FILE_ENCODING = "file-encoding";
    /** Cells without a header keep a name that can never be a field, so the personal-data guard still sees them. */
    static final String UNNAMED = "#column-";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+([.,]\\d+)?");
    private static final Pattern GROUPED_NUMBER = Pattern.compile("-?\\d{1,3}([.,]\\d{3})+([.,]\\d+)?");

    private TabularReader() {
    }

    /**
     * A data row.
     *
     * @param row   its row number as a spreadsheet shows it (the header is row 1)
     * @param cells text per column name, in column order; a repeated name is kept as {@code name#2}, a cell
     *              beyond the header as {@code #column-N}, so nothing of the file is lost before the guard scanned it
     * @param exact columns whose text is an exact number already (an XLSX number cell: no separator to guess)
     */
    public record TableRow(int row, Map<String, String> cells, java.util.Set<String> exact) {

        public TableRow {
            cells = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cells));
            exact = java.util.Set.copyOf(exact);
        }

        public TableRow(int row, Map<String, String> cells) {
            this(row, cells, java.util.Set.of());
        }
    }

    /**
     * A read file.
     *
     * @param problems problems of the file as a whole (duplicate header names)
     */
    public record Table(List<TableRow> rows, List<Violation> problems) {
    }

    /** A row as a JSON record, and what could not be read unambiguously in it. */
    public record Typed(JsonNode record, List<Violation> problems) {
    }

    /** The data rows, in file order. */
    public static Table read(String fileName, byte[] content) throws IOException {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return readCsv(content);
        }
        if (lower.endsWith(".xlsx")) {
            return readXlsx(content);
        }
        throw new IOException("not a .csv or .xlsx file: " + fileName);
    }

    /** The row as a JSON record typed by the dataset's fields (null dataset: all text), with its problems. */
    public static Typed toRecord(Dataset dataset, TableRow row) {
        ObjectNode record = NODES.objectNode();
        List<Violation> problems = new ArrayList<>();
        row.cells().forEach((column, text) -> {
            if (text == null || text.isBlank()) {
                return;
            }
            String value = text.strip();
            if (column.startsWith(UNNAMED)) {
                problems.add(new Violation(row.row(), null, EXTRA_CELLS, "the row has a value in column "
                        + column.substring(UNNAMED.length()) + ", which has no header: remove it or name the column"));
            }
            FieldSpec spec = dataset == null ? null : dataset.field(column).orElse(null);
            if (spec != null && isNumber(spec) && row.exact().contains(column)) {
                record.set(column, NODES.numberNode(new BigDecimal(value)));
                return;
            }
            if (spec != null && isNumber(spec) && GROUPED_NUMBER.matcher(value).matches()) {
                problems.add(new Violation(row.row(), column, AMBIGUOUS_NUMBER, "field '" + column + "' could be"
                        + " read with a thousands separator or a decimal separator: write the number without"
                        + " thousands separators, e.g. 12000 or 12,5"));
            }
            record.set(column, spec == null ? NODES.textNode(value) : coerce(spec, value));
        });
        return new Typed(record, problems);
    }

    private static boolean isNumber(FieldSpec spec) {
        return switch (spec.type()) {
            case COUNT, YEAR, DECIMAL, AMOUNT -> true;
            default -> false;
        };
    }

    static JsonNode coerce(FieldSpec spec, String value) {
        switch (spec.type()) {
            case COUNT, YEAR, DECIMAL, AMOUNT -> {
                // one separator and not exactly three digits after it: a decimal separator, point or comma alike
                if (PLAIN_NUMBER.matcher(value).matches() && !GROUPED_NUMBER.matcher(value).matches()) {
                    return NODES.numberNode(new BigDecimal(value.replace(',', '.')));
                }
                return NODES.textNode(value);
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

    private static Table readCsv(byte[] content) throws IOException {
        String text = decode(content);
        int eol = text.indexOf('\n');
        String header = eol < 0 ? text : text.substring(0, eol);
        // Dutch Excel writes ';' (the comma is the decimal separator); others write ','
        char delimiter = count(header, ';') > count(header, ',') ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        List<TableRow> rows = new ArrayList<>();
        List<String> names = null;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                if (names == null) {
                    names = names(cells);
                    continue;
                }
                rows.add(new TableRow((int) parser.getCurrentLineNumber(), row(names, cells)));
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException("malformed CSV: " + e.getMessage(), e);
        }
        return new Table(rows, names == null ? List.of() : duplicates(names));
    }

    /**
     * UTF-8 (Excel's byte order mark removed) or UTF-16 with a byte order mark. Anything else is refused rather
     * than guessed: Windows-1252 and UTF-8 cannot be told apart reliably, and a wrong guess alters names silently.
     */
    static String decode(byte[] content) throws IOException {
        if (content.length >= 2 && (content[0] & 0xFF) == 0xFE && (content[1] & 0xFF) == 0xFF) {
            return strict(content, 2, StandardCharsets.UTF_16BE);
        }
        if (content.length >= 2 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xFE) {
            return strict(content, 2, StandardCharsets.UTF_16LE);
        }
        int offset = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        String text = strict(content, offset, StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            throw new TableFormatException(FILE_ENCODING, "the file contains NUL characters (UTF-16 without byte"
                    + " order mark?): save it as 'CSV UTF-8'");
        }
        return text;
    }

    private static String strict(byte[] content, int offset, Charset charset) throws TableFormatException {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, offset, content.length - offset)).toString();
        } catch (CharacterCodingException e) {
            throw new TableFormatException(FILE_ENCODING, "the file is not " + charset.name() + " text: save it as"
                    + " 'CSV UTF-8' (other encodings such as Windows-1252 cannot be read without guessing)");
        }
    }

    private static List<String> names(List<String> cells) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < cells.size(); c++) {
            String name = cells.get(c) == null ? "" : cells.get(c).strip();
            if (name.isEmpty()) {
                names.add(UNNAMED + (c + 1));
                continue;
            }
            int n = seen.merge(name, 1, Integer::sum);
            names.add(n == 1 ? name : name + "#" + n);
        }
        return names;
    }

    private static List<Violation> duplicates(List<String> names) {
        List<Violation> problems = new ArrayList<>();
        for (String name : names) {
            int hash = name.lastIndexOf('#');
            if (!name.startsWith(UNNAMED) && hash > 0 && name.endsWith("#2")) {
                String field = name.substring(0, hash);
                problems.add(new Violation(1, field, DUPLICATE_HEADER, "the header names column '" + field
                        + "' more than once; which one is meant cannot be known: keep one"));
            }
        }
        return problems;
    }

    private static Map<String, String> row(List<String> names, List<String> cells) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = i < names.size() ? names.get(i) : UNNAMED + (i + 1);
            row.put(name, cells.get(i));
        }
        return row;
    }

    private static Table readXlsx(byte[] content) throws IOException {
        List<TableRow> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(sheet.getFirstRowNum());
            if (header == null) {
                return new Table(rows, List.of());
            }
            List<String> headerCells = new ArrayList<>();
            for (int c = 0; c < Math.max(0, header.getLastCellNum()); c++) {
                Cell cell = header.getCell(c);
                headerCells.add(cell == null ? "" : formatter.formatCellValue(cell));
            }
            List<String> names = names(headerCells);
            for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                java.util.Set<String> exact = new java.util.HashSet<>();
                boolean empty = true;
                for (int c = 0; c < Math.max(names.size(), row.getLastCellNum()); c++) {
                    Cell cell = row.getCell(c);
                    String text = cellText(cell, formatter);
                    cells.add(text);
                    empty &= text.isBlank();
                    if (c < names.size() && isExactNumber(cell, text)) {
                        exact.add(names.get(c));
                    }
                }
                if (!empty) {
                    rows.add(new TableRow(r + 1, row(names, cells), exact));
                }
            }
            return new Table(rows, duplicates(names));
        } catch (RuntimeException e) {
            throw new IOException("malformed XLSX: " + e.getMessage(), e);
        }
    }

    private static boolean isExactNumber(Cell cell, String text) {
        if (cell == null || text.isEmpty()) {
            return false;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return type == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell) && PLAIN_NUMBER.matcher(text).matches();
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
            double value = cell.getNumericCellValue();
            if (!Double.isFinite(value)) {
                return Double.toString(value);
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
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
