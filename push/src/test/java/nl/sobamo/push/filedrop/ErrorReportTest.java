package nl.sobamo.push.filedrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import nl.sobamo.push.validation.Violation;
import org.junit.jupiter.api.Test;

class ErrorReportTest {

    @Test
    void cellsAFormulaCouldStartWithAreQuoted() throws Exception {
        String report = ErrorReport.render(List.of(
                new Violation(2, "=HYPERLINK(\"http://x\",\"y\")", "unknown-field", "+1 field"),
                new Violation(3, "@SUM(A1)", "type-number", "-2"),
                new Violation(4, "\tx", "r", "m"),
                new Violation(5, "visits", "not-negative", "field 'visits' must not be negative")));

        assertThat(report.lines()).containsExactly(
                "row;field;rule;message",
                "2;\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";unknown-field;'+1 field",
                "3;'@SUM(A1);type-number;'-2",
                "4;'\tx;r;m",
                "5;visits;not-negative;field 'visits' must not be negative");
    }
}
