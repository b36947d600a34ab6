package nl.sobamo.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import nl.sobamo.ingest.IngestReport;
import nl.sobamo.ingest.records.Reasons;
import nl.sobamo.schemas.RawRecord;
import org.junit.jupiter.api.Test;

/**
 * Iv3 by year: the table found in the (constructed) dataderden IV3 catalog by title, its data set filtered on the
 * Verslagsoort, the real tables' Categorie layout mapped to the same fields as the bundled analysedata.
 */
class Iv3CatalogPullRouteTest extends PullRouteTestSupport {

    private static final String CATALOG = "dataderden.cbs.nl/ODataCatalog/Tables@filter-Catalog eq 'IV3'";

    @Override
    protected Map<String, String> settings() {
        return Map.of(OpenDataConfig.IV3_YEARS, "2023");
    }

    @Test
    void aYearIsFoundInTheCatalogAndFilteredOnTheReportType() throws Exception {
        assertThat(openData.tables("iv3")).containsExactly("2023X005");
        adviseAndStart();

        IngestReport report = pull("iv3", "2023X005");

        assertThat(server.requests()).startsWith(CATALOG)
                .contains("dataderden.cbs.nl/ODataApi/odata/45063NED/TypedDataSet@filter-Verslagsoort eq '2023X005'",
                        "dataderden.cbs.nl/ODataApi/odata/45063NED/TypedDataSet@filter-Verslagsoort eq '2023X005'&skip-450");
        assertThat(report.published()).isEqualTo(2);
        assertThat(report.deadLettered()).isZero();
        assertThat(report.skipped()).as("the national row, and one balance-sheet row per municipality, each named")
                .isEqualTo(Map.of("AGGREGATE_ROW", 1, Reasons.NOT_AN_ACCOUNT_ROW, 2));
        RawRecord amsterdam = recordsById("iv3").get("iv3/45063NED-2023X005/2023/GM0363");
        assertThat(amsterdam.getDataset()).isEqualTo("45063NED-2023X005");
        assertThat(amsterdam.getPeriod()).isEqualTo("2023");
        assertThat(amsterdam.getAreaCode()).isEqualTo("GM0363");
        assertThat(amsterdam.getFields())
                .containsEntry("gemeente", "Amsterdam")
                .containsEntry("taakveld:6.1", "6.1 Samenkracht en burgerparticipatie")
                .containsEntry("lasten:6.1", "264333") // L1.1 + L4.3.1, EUR thousand as the source
                .doesNotContainKey("lasten:A1.1");
    }

    @Test
    void theCategoryLayoutGivesTheSameFieldsAsTheConstructedTopicLayoutOfTheSameAccounts() throws Exception {
        adviseAndStart();
        pull("iv3", "2023X005");
        pull("iv3", "IV3JR2023");

        Map<String, RawRecord> byId = recordsById("iv3");
        for (String gm : new String[] {"GM0363", "GM0599"}) {
            RawRecord real = byId.get("iv3/45063NED-2023X005/2023/" + gm);
            RawRecord constructed = byId.get("iv3/IV3JR2023/2023/" + gm);
            assertThat(real.getFields()).as(gm).hasSize(1 + 4 * 71)
                    .containsExactlyInAnyOrderEntriesOf(constructed.getFields());
        }
    }

    @Test
    void anExplicitTableIdWithAReportTypeSkipsTheCatalog() throws Exception {
        adviseAndStart();

        IngestReport report = pull("iv3", "45063NED:2023X005");

        assertThat(report.published()).isEqualTo(2);
        assertThat(server.requests()).doesNotContain(CATALOG);
    }

    @Test
    void aYearTheCatalogDoesNotListFailsThePullNamingTheTitlesItDoesList() throws Exception {
        adviseAndStart();

        assertThatThrownBy(() -> pull("iv3", "2019X005"))
                .hasRootCauseInstanceOf(nl.sobamo.ingest.pull.protocol.MalformedPageException.class)
                .rootCause().hasMessageContaining("no table titled 'Gemeenten 2019 onbewerkte Iv3-data'")
                .hasMessageContaining("Gemeenten 2023 onbewerkte Iv3-data");
        assertThat(raw("iv3").getReceivedCounter()).isZero();
    }

}
