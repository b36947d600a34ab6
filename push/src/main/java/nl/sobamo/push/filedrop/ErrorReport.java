package nl.sobamo.push.filedrop;

import java.io.IOException;
import java.util.List;

import nl.sobamo.push.validation.Violation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The {@code <file>.errors.csv} beside a rejected file: {@code row;field;rule;message}. Field names and messages
 * can carry text from the dropped file (a header, an area code), and municipalities open this report in a
 * spreadsheet, so a cell that a spreadsheet would run as a formula is neutralised with a leading quote (OWASP
 * "CSV injection": cells starting with {@code = + - @}, tab or carriage return).
 */
final class ErrorReport {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setDelimiter(';').get();

    private ErrorReport() {
    }

    static String render(List<Violation> violations) throws IOException {
        StringBuilder report = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(report, FORMAT)) {
            printer.printRecord("row", "field", "rule", "message");
            for (Violation v : violations) {
                printer.printRecord(v.record(), cell(v.field()), cell(v.rule()), cell(v.message()));
            }
        }
        return report.toString();
    }

    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
