package nl.sobamo.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import nl.sobamo.fixtures.FixtureServer;
import nl.sobamo.ingest.IngestReport;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.IngestCheckpoint;
import nl.sobamo.schemas.RawRecord;
import org.junit.jupiter.api.Test;

/** The KWB v3 pull (85984NED: 3,736 rows in 4 pages of 1,000) against the fixture server. */
class KwbPullRouteTest extends PullRouteTestSupport {

    static final String TABLE = "85984NED";
    static final String BASE = "opendata.cbs.nl/ODataApi/odata/85984NED/";
    static final String PAGE_1 = BASE + "TypedDataSet";
    static final String PAGE_3 = BASE + "TypedDataSet@skip-2000";

    @Test
    void followsNextLinksReadsMetadataFirstAndPublishesOneRecordPerRegion() throws Exception {
        adviseAndStart();
        IngestReport report = pull("cbs-kwb", TABLE);

        assertThat(report.published()).isEqualTo(3_735);
        assertThat(report.deadLettered()).isZero();
        assertThat(report.skipped()).isEqualTo(Map.of("AGGREGATE_ROW", 1));
        assertThat(distinctRequests()).containsExactly(BASE + "TableInfos", BASE + "DataProperties", PAGE_1,
                BASE + "TypedDataSet@skip-1000", PAGE_3, BASE + "TypedDataSet@skip-3000");
        Map<String, RawRecord> byId = recordsById("cbs-kwb");
        assertThat(byId).hasSize(3_735);
        RawRecord amsterdam = byId.get("cbs-kwb/85984NED/2024/GM0363");
        assertThat(amsterdam.getAreaCode()).isEqualTo("GM0363");
        assertThat(amsterdam.getPeriod()).isEqualTo("2024");
        assertThat(amsterdam.getFields()).containsEntry("AantalInwoners_5", "931298")
                .containsEntry("Gemeentenaam_1", "Amsterdam")
                .containsEntry("SoortRegio_2", "Gemeente")
                .doesNotContainKeys("ID", "WijkenEnBuurten");
        assertThat(amsterdam.getUri()).startsWith(server.baseUrl() + "/opendata.cbs.nl/ODataApi/odata/85984NED/TypedDataSet");
        assertThat(amsterdam.getLicence()).isEqualTo("CC BY 4.0 (CBS)");
        assertThat(amsterdam.getFetchedAt()).isEqualTo(nl.sobamo.ingest.TestResources.FAILED_AT); // the test clock
        assertThat(dlq().getReceivedCounter()).isZero();

        IngestCheckpoint cp = checkpoints.get("cbs-kwb/85984NED").orElseThrow();
        assertThat(cp.getModified()).isEqualTo("2025-03-27T02:00:00");
        assertThat(cp.getCompletedAt()).isNotNull();
        assertThat(cp.getResumeLink()).isNull();
        assertThat(cp.getPagesDone()).isEqualTo(4);
        assertThat(cp.getRecordCount()).isEqualTo(3_735);
        assertThat(registry.get(IngestMetrics.RECORDS.name()).tags("source", "cbs-kwb", "outcome", "published").counter()
                .count()).isEqualTo(3_735.0);
        assertThat(registry.get(IngestMetrics.PAGES.name()).tags("source", "cbs-kwb", "dataset", TABLE).counter().count())
                .isEqualTo(4.0);
        assertThat(registry.get(IngestMetrics.FETCH_DURATION.name()).tags("source", "cbs-kwb", "outcome", "ok").timer()
                .count()).isEqualTo(6);
        assertThat(registry.get(IngestMetrics.FRESHNESS).tags("source", "cbs-kwb", "dataset", TABLE).gauge().value())
                .isZero();
    }

    @Test
    void aSecondPullOfAnUnchangedTableReadsOnlyTableInfosAndPublishesNothing() throws Exception {
        adviseAndStart();
        pull("cbs-kwb", TABLE);
        resetMocks();
        server.clearRequests();

        IngestReport second = pull("cbs-kwb", TABLE);

        assertThat(second.published()).isZero();
        assertThat(second.skipped()).isEqualTo(Map.of("UNCHANGED", 3_735));
        assertThat(server.requests()).containsExactly(BASE + "TableInfos");
        assertThat(raw("cbs-kwb").getReceivedCounter()).isZero();
    }

    @Test
    void aChangedTablePublishesOnlyTheRecordsThatChanged() throws Exception {
        adviseAndStart();
        pull("cbs-kwb", TABLE);
        resetMocks();
        // a new version: Modified moves on, one value on page 3 is corrected
        server.put(BASE + "TableInfos", replace(BASE + "TableInfos.json", "2025-03-27T02:00:00", "2025-06-30T02:00:00"));
        byte[] page3 = fixture(PAGE_3 + ".json");
        String text = new String(page3, StandardCharsets.UTF_8);
        int at = text.indexOf("\"AantalInwoners_5\":") + "\"AantalInwoners_5\":".length();
        int end = text.indexOf(',', at);
        String corrected = text.substring(0, at) + "1" + text.substring(end);
        server.put(PAGE_3, corrected.getBytes(StandardCharsets.UTF_8));

        IngestReport second = pull("cbs-kwb", TABLE);

        assertThat(second.published()).isEqualTo(1);
        assertThat(second.skipped()).isEqualTo(Map.of("UNCHANGED", 3_734, "AGGREGATE_ROW", 1));
        RawRecord changed = records("cbs-kwb").get(0);
        assertThat(changed.getFields()).containsEntry("AantalInwoners_5", "1");
        assertThat(checkpoints.get("cbs-kwb/85984NED").orElseThrow().getModified()).isEqualTo("2025-06-30T02:00:00");
    }

    @Test
    void a500OnPage3IsRetriedAndThePullIsComplete() throws Exception {
        adviseAndStart();
        server.inject(PAGE_3, new FixtureServer.Fault.Status(500, null), 1);
        server.inject(BASE + "TypedDataSet@skip-1000", new FixtureServer.Fault.Status(429, "0"), 1);

        IngestReport report = pull("cbs-kwb", TABLE);

        assertThat(report.published()).isEqualTo(3_735);
        assertThat(report.deadLettered()).isZero();
        // at least: a healthy request slower than the test's 500 ms timeout on a loaded machine is retried too
        assertThat(server.requestCount(PAGE_3)).isGreaterThanOrEqualTo(2);
        assertThat(recordsById("cbs-kwb")).hasSize(3_735);
        assertThat(registry.get(IngestMetrics.FETCH_RETRIES.name()).tags("source", "cbs-kwb").counter().count())
                .isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void aTimedOutRequestIsRetried() throws Exception {
        adviseAndStart();
        server.inject(PAGE_3, new FixtureServer.Fault.Delay(REQUEST_TIMEOUT.multipliedBy(4)), 1);

        IngestReport report = pull("cbs-kwb", TABLE);

        assertThat(report.published()).isEqualTo(3_735);
        assertThat(server.requestCount(PAGE_3)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTruncatedPageGoesToTheDlqWholeAndThePullContinuesWithThePageAfterIt() throws Exception {
        adviseAndStart();
        server.inject(PAGE_3, new FixtureServer.Fault.Truncate(0.5), 1);

        IngestReport report = pull("cbs-kwb", TABLE);

        assertThat(report.published()).isEqualTo(2_735);
        assertThat(report.deadLettered()).isEqualTo(1);
        List<DeadLetter> dead = deadLetters();
        assertThat(dead).hasSize(1);
        DeadLetter d = dead.get(0);
        assertThat(d.getReasonCode()).isEqualTo("MALFORMED_PAGE");
        assertThat(d.getHeaders()).containsEntry("uri", server.baseUrl() + "/opendata.cbs.nl/ODataApi/odata/85984NED/TypedDataSet?$format=json&$skip=2000");
        assertThat(d.getMessage()).contains("not valid JSON");
        assertThat(d.getOriginalValue().remaining()).isEqualTo(fixture(PAGE_3 + ".json").length / 2);
        assertThat(distinctRequests()).endsWith(PAGE_3, BASE + "TypedDataSet@skip-3000");
        assertThat(records("cbs-kwb")).noneMatch(r -> r.getLocation().equals("$.value[0]")
                && r.getUri().endsWith("skip=2000"));
    }

    @Test
    void aTruncatedLastPageEndsThePullWithTheEmptyPageAfterIt() throws Exception {
        adviseAndStart();
        server.inject(BASE + "TypedDataSet@skip-3000", new FixtureServer.Fault.Truncate(0.9), 1);

        IngestReport report = pull("cbs-kwb", TABLE);

        assertThat(report.published()).isEqualTo(2_999);
        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(distinctRequests()).endsWith(BASE + "TypedDataSet@skip-3000", BASE + "TypedDataSet@skip-4000");
        assertThat(checkpoints.get("cbs-kwb/85984NED").orElseThrow().getCompletedAt()).isNotNull();
    }

    @Test
    void aPullThatDiesHalfWayResumesAtItsCheckpointPage() throws Exception {
        adviseAndStart();
        server.inject(PAGE_3, new FixtureServer.Fault.Status(503, null), 4); // every attempt fails

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> pull("cbs-kwb", TABLE)))
                .hasRootCauseInstanceOf(nl.sobamo.ingest.pull.http.FetchException.class);
        assertThat(records("cbs-kwb")).hasSize(1_999); // pages 1-2, NL00 skipped
        assertThat(raw("cbs-kwb").getReceivedCounter()).isEqualTo(2); // one batch per page
        IngestCheckpoint half = checkpoints.get("cbs-kwb/85984NED").orElseThrow();
        assertThat(half.getCompletedAt()).isNull();
        assertThat(half.getResumeLink()).isEqualTo(
                "https://opendata.cbs.nl/ODataApi/odata/85984NED/TypedDataSet?$format=json&$skip=2000");
        assertThat(half.getPagesDone()).isEqualTo(2);
        server.clearRequests();

        IngestReport resumed = pull("cbs-kwb", TABLE);

        assertThat(resumed.published()).isEqualTo(1_736);
        assertThat(distinctRequests()).containsExactly(BASE + "TableInfos", BASE + "DataProperties", PAGE_3,
                BASE + "TypedDataSet@skip-3000");
        assertThat(recordsById("cbs-kwb")).hasSize(3_735);
        assertThat(checkpoints.get("cbs-kwb/85984NED").orElseThrow().getRecordCount()).isEqualTo(3_735);
    }

    @Test
    void aRowWithTextInANumericTopicIsDeadLetteredAlone() throws Exception {
        adviseAndStart();
        String page = new String(fixture(PAGE_1 + ".json"), StandardCharsets.UTF_8)
                .replaceFirst("\"AantalInwoners_5\":25845", "\"AantalInwoners_5\":\"25.845 (est.)\"");
        server.put(PAGE_1, page.getBytes(StandardCharsets.UTF_8));

        IngestReport report = pull("cbs-kwb", TABLE);

        assertThat(report.published()).isEqualTo(3_734);
        assertThat(report.deadLettered()).isEqualTo(1);
        DeadLetter d = deadLetters().get(0);
        assertThat(d.getReasonCode()).isEqualTo("MALFORMED_ROW");
        assertThat(d.getSourceRecordId()).isEqualTo("cbs-kwb/85984NED/2024/GM1680");
        assertThat(d.getField()).isEqualTo("AantalInwoners_5");
        assertThat(d.getMessage()).isEqualTo("$.value[1]: AantalInwoners_5 is '25.845 (est.)', expected a number");
        assertThat(StandardCharsets.UTF_8.decode(d.getOriginalValue()).toString()).startsWith("{\"ID\":1,");
    }

    /**
     * The requests in order with repeats of one URL folded: which pages were fetched, not how often. A healthy
     * response slower than the 500 ms test timeout (a loaded 2-core machine) is fetched twice, which is correct.
     */
    static List<String> distinctRequests() {
        return server.requests().stream().distinct().toList();
    }

    static byte[] fixture(String path) {
        return nl.sobamo.ingest.TestResources.bytes("fixtures/" + path);
    }

    static byte[] replace(String path, String from, String to) {
        return new String(fixture(path), StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
}
