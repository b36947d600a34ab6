package nl.sobamo.ingest.pull.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.fixtures.FixtureServer;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.pull.http.Fetched;
import nl.sobamo.ingest.pull.http.HttpFetcher;
import nl.sobamo.ingest.pull.http.LinkResolver;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.odata.JsonPages;
import nl.sobamo.ingest.pull.protocol.odata.ODataVersion;
import nl.sobamo.ingest.pull.protocol.odata4.V4Protocol;
import nl.sobamo.retry.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paging and metadata on the real recorded responses: the v3 83599NED pair and the v4 80072ned table. */
class ODataPagingTest {

    static FixtureServer server;
    static SourceHttp http;

    @BeforeAll
    static void start() {
        server = FixtureServer.start();
        http = new SourceHttp(new HttpFetcher(HttpClient.newHttpClient(), Duration.ofSeconds(5),
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1), d -> { }, new IngestMetrics(new SimpleMeterRegistry())),
                LinkResolver.fixtures(server.baseUrl()), "test");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void followsTheRealV3NextLinkToTheEnd() throws Exception {
        String link = "https://opendata.cbs.nl/ODataFeed/OData/83599NED/UntypedDataSet/?$format=json";
        List<Page> pages = new ArrayList<>();
        while (link != null) {
            Page page = JsonPages.read(http.get(link), link, ODataVersion.V3);
            pages.add(page);
            link = page.nextLink();
        }
        assertThat(pages).extracting(p -> p.rows().size()).containsExactly(10_000, 5_504);
        Row first = pages.get(0).rows().get(0);
        assertThat(first.cells()).containsEntry("RegioS", "NL01").containsEntry("OpenstaandeVacatures_1", "135.5")
                .containsEntry("Perioden", "2011KW01");
        assertThat(pages.get(1).rows().get(0).position()).isEqualTo(new RowPosition(
                "https://opendata.cbs.nl/ODataFeed/OData/83599NED/UntypedDataSet/?$format=json&$skip=10000", 0));
    }

    @Test
    void readsV4MetadataAndPagesOfTheReal80072nedTable() throws Exception {
        V4Protocol v4 = new V4Protocol(http, "https://odata4.cbs.nl/CBS", "80072ned");
        assertThat(v4.version(null)[0]).isEqualTo("2020-06-19T02:00:00+02:00");
        TableMetadata m = v4.metadata();
        assertThat(m.property("M001924").orElseThrow().title()).isEqualTo("Ziekteverzuimpercentage");
        assertThat(m.firstOfKind("TimeDimension").orElseThrow().key()).isEqualTo("Perioden");
        assertThat(m.codeLists().get("Perioden")).hasSize(121);
        assertThat(m.codeLists().get("BedrijfskenmerkenSBI2008")).containsEntry("T001081", "A-U Alle economische activiteiten");
        String link = m.firstPage();
        int rows = 0;
        int pages = 0;
        while (link != null) {
            Fetched f = http.get(link);
            Page page = v4.read(f, link, m);
            rows += page.rows().size();
            pages++;
            link = page.nextLink();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(rows).isEqualTo(4_409);
    }
}
