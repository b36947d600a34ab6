package nl.sobamo.push.filedrop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import nl.sobamo.push.validation.Dataset;
import org.junit.jupiter.api.Test;

class TabularReaderTest {

    @Test
    void aSemicolonCsvWithByteOrderMarkAndDecimalCommas() throws Exception {
        byte[] csv = "\uFEFFyear;category;amountEur;kind\n2025;jongerenwerk;1250000,50;budget\n\n2024;buurtwerk;98000;realised\n"
                .getBytes(StandardCharsets.UTF_8);

        List<TabularReader.TableRow> rows = TabularReader.read("budget-2025.CSV", csv);

        assertThat(rows).extracting(TabularReader.TableRow::row).containsExactly(2, 4);
        assertThat(rows.get(0).cells()).containsExactly(Map.entry("year", "2025"), Map.entry("category", "jongerenwerk"),
                Map.entry("amountEur", "1250000,50"), Map.entry("kind", "budget"));
        assertThat(TabularReader.toRecord(Dataset.BUDGET, rows.get(0).cells()).toString())
                .isEqualTo("{\"year\":2025,\"category\":\"jongerenwerk\",\"amountEur\":1250000.50,\"kind\":\"budget\"}");
    }

    @Test
    void cellsThatDoNotParseStayTextAndEmptyCellsAreMissing() throws Exception {
        List<TabularReader.TableRow> rows = TabularReader.read("v.csv",
                "visits,estimated,uniqueVisitors,note\nveel,misschien,,x\n".getBytes(StandardCharsets.UTF_8));

        assertThat(TabularReader.toRecord(Dataset.VISITORS, rows.get(0).cells()).toString())
                .isEqualTo("{\"visits\":\"veel\",\"estimated\":\"misschien\",\"note\":\"x\"}");
    }

    @Test
    void otherFileTypesAreRefused() {
        assertThatThrownBy(() -> TabularReader.read("visitors.ods", new byte[0]))
                .hasMessage("not a .csv or .xlsx file: visitors.ods");
        assertThatThrownBy(() -> TabularReader.read("visitors.xlsx", "not a zip".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("malformed XLSX");
    }
}
