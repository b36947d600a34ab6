package nl.sobamo.ingest.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TextLinesTest {

    @Test
    void describesLineRanges() {
        assertThat(TextLines.describe(List.of(5))).isEqualTo("line 5");
        assertThat(TextLines.describe(List.of(2, 3, 4))).isEqualTo("lines 2-4");
        assertThat(TextLines.describe(List.of(2, 3, 7, 9, 10))).isEqualTo("lines 2-3, 7, 9-10");
    }

    @Test
    void findsLineNumbersAndTextsByPosition() {
        TextLines lines = new TextLines("a;b\r\nc;d\n\ne;f\n");
        assertThat(lines.lineNumber(0)).isEqualTo(1);
        assertThat(lines.lineNumber(5)).isEqualTo(2);
        assertThat(lines.lineNumber(lines.contentStart(9))).isEqualTo(4);
        assertThat(lines.slice(0, 5)).isEqualTo("a;b");
        assertThat(lines.slice(5, 10)).isEqualTo("c;d");
    }
}
