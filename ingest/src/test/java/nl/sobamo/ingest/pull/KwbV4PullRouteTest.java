package nl.sobamo.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import nl.sobamo.fixtures.FixtureServer;
import nl.sobamo.ingest.IngestReport;
import nl.sobamo.schemas.IngestCheckpoint;
import nl.sobamo.schemas.RawRecord;
import org.junit.jupiter.api.Test;

/** KWB through OData v4: metadata first, three pages by @odata.nextLink, pivoted to one record per region. */
class KwbV4PullRouteTest extends PullRouteTestSupport {

    static final String BASE = "odata4.cbs.nl/CBS/85984NED/";

    @Override
    protected Map<String, String> settings() {
        return Map.of(OpenDataConfig.KWB_PROTOCOL, "v4");
    }

    @Test
    void pivotsObservationsIntoOneRecordPerRegionKeyedByMeasureIdentifier() throws Exception {
        adviseAndStart();
        IngestReport report = pull("cbs-kwb", "85984NED");

        assertThat(server.requests()).containsExactly(BASE + "Properties", BASE + "Dimensions",
                BASE + "WijkenEnBuurtenCodes", BASE + "MeasureCodes", BASE + "Observations",
                BASE + "Observations@skip-400", BASE + "Observations@skip-800");
        assertThat(report.published()).isEqualTo(126); // GM0362, GM0363 and their 124 wijken
        assertThat(report.skipped()).isEqualTo(Map.of("AGGREGATE_ROW", 1));
        RawRecord amsterdam = recordsById("cbs-kwb").get("cbs-kwb/85984NED/2024/GM0363");
        assertThat(amsterdam.getFields()).hasSize(8)
                .containsEntry("AantalInwoners_5", "931298") // v4 M900005 "Aantal inwoners", aliased by title
                .containsEntry("Woningvoorraad_35", "480852") // v4 M900035 "Woningvoorraad"
                .doesNotContainKeys("M900005", "M900035");
    }

    @Test
    void aV4YearGivesTheSameFieldNamesAndValuesAsTheV3TableSoItFeedsTheSameIndicators() throws Exception {
        adviseAndStart();
        pull("cbs-kwb", "85984NED");
        RawRecord v4 = recordsById("cbs-kwb").get("cbs-kwb/85984NED/2024/GM0363");

        // the v3 TypedDataSet of the same table, pulled through the v3 protocol and mapper
        OpenDataConfig v3Config = OpenDataConfig.from(Map.of(OpenDataConfig.FIXTURES_URL, server.baseUrl()));
        SourceDefinition v3 = nl.sobamo.ingest.pull.source.OpenDataSources.all(v3Config).get(0);
        assertThat(v3Config.kwbProtocol()).isEqualTo("v3");
        TestPulls.Result v3Pull = TestPulls.run(v3, "85984NED", server.baseUrl());
        RawRecord v3Amsterdam = v3Pull.records().stream().filter(r -> r.getAreaCode().equals("GM0363"))
                .findFirst().orElseThrow();

        assertThat(v3Amsterdam.getFields()).containsAllEntriesOf(v4.getFields());
    }

    @Test
    void aPivotedPullThatDiesResumesFromItsFirstRowAndLosesNothing() throws Exception {
        adviseAndStart();
        server.inject(BASE + "Observations@skip-800", new FixtureServer.Fault.Status(502, null), 4);
        org.assertj.core.api.Assertions.catchThrowable(() -> pull("cbs-kwb", "85984NED"));
        assertThat(raw("cbs-kwb").getReceivedCounter()).isZero(); // nothing complete before the last page
        IngestCheckpoint cp = checkpoints.get("cbs-kwb/85984NED").orElseThrow();
        assertThat(cp.getResumeLink()).isEqualTo("https://odata4.cbs.nl/CBS/85984NED/Observations");
        assertThat(cp.getResumeSkipRows()).isZero();

        IngestReport resumed = pull("cbs-kwb", "85984NED");
        assertThat(resumed.published()).isEqualTo(126);
        assertThat(resumed.skipped()).isEqualTo(Map.of("AGGREGATE_ROW", 1));
        assertThat(recordsById("cbs-kwb")).hasSize(126);
    }
}
