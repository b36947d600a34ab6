package nl.sobamo.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.fixtures.FixtureServer;
import nl.sobamo.ingest.TestResources;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.pull.checkpoint.InMemoryCheckpointStore;
import nl.sobamo.ingest.pull.http.HttpFetcher;
import nl.sobamo.ingest.pull.http.LinkResolver;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.source.OpenDataSources;
import nl.sobamo.retry.RetryPolicy;
import nl.sobamo.schemas.IngestCheckpoint;
import nl.sobamo.schemas.RawRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TablePull} maps the next page while the current one is published: each page's checkpoint must still cover
 * exactly the pages committed so far (records, digests, resume point), and a pull resumed from any such checkpoint
 * must publish each record once. Driven without Camel or Kafka over the recorded KWB table (4 pages of 1,000 rows).
 */
class TablePullMapAheadTest {

    private static final String TABLE = "85984NED";

    private FixtureServer server;
    private SourceDefinition definition;
    private SourceHttp http;
    private IngestMetrics metrics;
    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();

    @BeforeEach
    void start() {
        server = FixtureServer.start();
        OpenDataConfig config = OpenDataConfig.from(Map.of(OpenDataConfig.FIXTURES_URL, server.baseUrl(),
                OpenDataConfig.KWB_TABLES, TABLE, OpenDataConfig.SOURCES, "cbs-kwb"));
        definition = OpenDataSources.all(config).stream().filter(d -> d.source().equals("cbs-kwb")).findFirst()
                .orElseThrow();
        metrics = new IngestMetrics(new SimpleMeterRegistry(), TestResources.CLOCK);
        HttpFetcher fetcher = HttpFetcher.create(Duration.ofSeconds(2), Duration.ofSeconds(5),
                new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), 2), metrics);
        http = new SourceHttp(fetcher, LinkResolver.fixtures(server.baseUrl()), definition.source());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TablePull pull() {
        return new TablePull(definition, TABLE, http, store, metrics, TestResources.CLOCK, TestResources.FAILED_AT);
    }

    private IngestCheckpoint checkpoint() {
        return store.get(definition.checkpointKey(TABLE)).orElseThrow();
    }

    @Test
    void eachCheckpointCoversTheCommittedPagesOnlyAndAResumePublishesEachRecordOnce() {
        // the whole table in one run: the reference
        List<RawRecord> all = new ArrayList<>();
        TablePull whole = pull();
        whole.start();
        int pages = 0;
        while (whole.hasWork()) {
            PageBatch batch = whole.step();
            all.addAll(batch.records());
            whole.commit(batch);
            IngestCheckpoint cp = checkpoint();
            if (whole.hasWork()) {
                pages++;
                // the page after this one has been (or is being) mapped ahead; none of it is in the checkpoint
                assertThat(cp.getPagesDone()).isEqualTo(pages);
                assertThat(cp.getRecordCount()).isEqualTo(all.size());
                assertThat(cp.getDigests().remaining()).isEqualTo(8 * all.size());
                assertThat(cp.getCompletedAt()).isNull();
            }
        }
        assertThat(pages).isGreaterThanOrEqualTo(3);
        IngestCheckpoint done = checkpoint();
        assertThat(done.getCompletedAt()).isNotNull();
        assertThat(done.getRecordCount()).isEqualTo(all.size());

        // again from nothing, stopped after two pages (the third is mapped ahead and dropped), then resumed
        InMemoryCheckpointStore fresh = new InMemoryCheckpointStore();
        List<RawRecord> resumed = new ArrayList<>();
        TablePull first = new TablePull(definition, TABLE, http, fresh, metrics, TestResources.CLOCK,
                TestResources.FAILED_AT);
        first.start();
        for (int i = 0; i < 2; i++) {
            PageBatch batch = first.step();
            resumed.addAll(batch.records());
            first.commit(batch);
        }
        first.step(); // published but never acknowledged: the "crash" comes before its checkpoint
        TablePull second = new TablePull(definition, TABLE, http, fresh, metrics, TestResources.CLOCK,
                TestResources.FAILED_AT);
        second.start();
        while (second.hasWork()) {
            PageBatch batch = second.step();
            resumed.addAll(batch.records());
            second.commit(batch);
        }
        Set<String> ids = new HashSet<>();
        resumed.forEach(r -> assertThat(ids.add(r.getRecordId())).as(r.getRecordId()).isTrue());
        assertThat(resumed).containsExactlyElementsOf(all);
        assertThat(fresh.get(definition.checkpointKey(TABLE)).orElseThrow().getContentHash())
                .isEqualTo(done.getContentHash());
    }
}
