package nl.sobamo.push.filedrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import nl.sobamo.push.validation.Dataset;
import nl.sobamo.push.validation.Violation;
import org.junit.jupiter.api.Test;

class TabularReaderTest {

    private static TabularReader.Table csv(String text) throws Exception {
        return TabularReader.read("x.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSemicolonCsvWithByteOrderMarkAndDecimalCommas() throws Exception {
        byte[] csv = "\uFEFFyear;category;amountEur;kind\n2025;jongerenwerk;1250000,50;budget\n\n2024;buurtwerk;98000;realised\n"
                .getBytes(StandardCharsets.UTF_8);

        List<TabularReader.TableRow> rows = TabularReader.read("budget-2025.CSV", csv).rows();

        assertThat(rows).extracting(TabularReader.TableRow::row).containsExactly(2, 4);
        assertThat(rows.get(0).cells()).containsExactly(Map.entry("year", "2025"), Map.entry("category", "jongerenwerk"),
                Map.entry("amountEur", "1250000,50"), Map.entry("kind", "budget"));
        assertThat(TabularReader.toRecord(Dataset.BUDGET, rows.get(0)).record().toString())
                .isEqualTo("{\"year\":2025,\"category\":\"jongerenwerk\",\"amountEur\":1250000.50,\"kind\":\"budget\"}");
    }

    @Test
    void cellsThatDoNotParseStayTextAndEmptyCellsAreMissing() throws Exception {
        List<TabularReader.TableRow> rows = csv("visits,estimated,uniqueVisitors,note\nveel,misschien,,x\n").rows();

        assertThat(TabularReader.toRecord(Dataset.VISITORS, rows.get(0)).record().toString())
                .isEqualTo("{\"visits\":\"veel\",\"estimated\":\"misschien\",\"note\":\"x\"}");
    }

    @Test
    void aCellBeyondTheHeaderIsAPerRowProblemNotDropped() throws Exception {
        TabularReader.TableRow row = csv("facilityId,visits\nbh-1,12,13\n").rows().get(0);

        TabularReader.Typed typed = TabularReader.toRecord(Dataset.VISITORS, row);

        assertThat(typed.problems()).extracting(Violation::record, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, TabularReader.EXTRA_CELLS));
        assertThat(row.cells()).containsEntry("#column-3", "13");
    }

    @Test
    void trailingEmptyCellsAreNoProblem() throws Exception {
        TabularReader.TableRow row = csv("facilityId;visits\nbh-1;12;;\n").rows().get(0);

        assertThat(TabularReader.toRecord(Dataset.VISITORS, row).problems()).isEmpty();
    }

    @Test
    void aDuplicateHeaderRejectsTheFileAndKeepsBothColumns() throws Exception {
        TabularReader.Table table = csv("facilityId,visits,visits\nbh-1,12,13\n");

        assertThat(table.problems()).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("visits", TabularReader.DUPLICATE_HEADER));
        assertThat(table.rows().get(0).cells()).containsEntry("visits", "12").containsEntry("visits#2", "13");
    }

    @Test
    void aNumberWithAPossibleThousandsSeparatorIsAProblemNotAGuess() throws Exception {
        TabularReader.TableRow row = csv("facilityId;visits;uniqueVisitors\nbh-1;12.000;1.250\n").rows().get(0);

        TabularReader.Typed typed = TabularReader.toRecord(Dataset.VISITORS, row);

        assertThat(typed.problems()).extracting(Violation::field).containsExactly("visits", "uniqueVisitors");
        assertThat(typed.problems()).extracting(Violation::rule).containsOnly(TabularReader.AMBIGUOUS_NUMBER);
        assertThat(typed.record().get("visits").isTextual()).isTrue();
    }

    @Test
    void decimalsWithOtherThanThreeDigitsAreRead() throws Exception {
        TabularReader.TableRow row = csv("hoursPerWeek;volunteers\n12,5;40\n").rows().get(0);

        assertThat(TabularReader.toRecord(Dataset.VOLUNTEERS, row).record().toString())
                .isEqualTo("{\"hoursPerWeek\":12.5,\"volunteers\":40}");
    }

    @Test
    void utf16WithByteOrderMarkIsReadAndWindows1252IsRefused() throws Exception {
        byte[] utf16 = "\uFEFForganisation;volunteers\nBuurtcentrum Café;40\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] cp1252 = "organisation;volunteers\nBuurtcentrum Café;40\n".getBytes(Charset.forName("windows-1252"));

        assertThat(TabularReader.read("v.csv", utf16).rows().get(0).cells())
                .containsEntry("organisation", "Buurtcentrum Café");
        assertThatThrownBy(() -> TabularReader.read("v.csv", cp1252)).isInstanceOf(TableFormatException.class)
                .extracting(e -> ((TableFormatException) e).rule()).isEqualTo(TabularReader.FILE_ENCODING);
    }

    @Test
    void otherFileTypesAreRefused() {
        assertThatThrownBy(() -> TabularReader.read("visitors.ods", new byte[0]))
                .hasMessage("not a .csv or .xlsx file: visitors.ods");
        assertThatThrownBy(() -> TabularReader.read("visitors.xlsx", "not a zip".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("malformed XLSX");
    }
}
