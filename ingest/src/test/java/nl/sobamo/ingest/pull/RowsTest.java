package nl.sobamo.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class RowsTest {

    private static boolean parses(String value) {
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Test
    void theIntegerShortcutAnswersAsBigDecimalWould() {
        for (String v : List.of("0", "-0", "12345678901234567890123", "-7", "1.5", "1e3", "+5", ".5", "-", "--1", "1-",
                "12,5", "abc", " 1", "1 ", "\u0661", "0x10")) {
            assertThat(Rows.numericOrMissing(v)).as(v).isEqualTo(Rows.MISSING_MARKERS.contains(v) || parses(v));
            if (Rows.plainInteger(v)) {
                assertThat(parses(v)).as(v).isTrue();
            }
        }
        assertThat(Rows.numericOrMissing(null)).isTrue();
        assertThat(Rows.numericOrMissing("")).isTrue();
    }
}
