package nl.sobamo.ingest.pull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.ingest.TestResources;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.pull.http.Fetched;
import nl.sobamo.ingest.pull.http.HttpFetcher;
import nl.sobamo.ingest.pull.http.LinkResolver;
import nl.sobamo.retry.RetryPolicy;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.MalformedPageException;
import nl.sobamo.ingest.pull.protocol.Page;
import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.ingest.pull.protocol.TableProtocol;
import nl.sobamo.ingest.pull.protocol.odata.NextLinks;
import nl.sobamo.ingest.records.Reasons;
import nl.sobamo.schemas.RawRecord;

/**
 * Runs one table of a source through its real protocol and mapper against a fixture server, without Camel or
 * Kafka: what a pull would publish, dead-letter and skip. Pages the way {@code TablePull} does (a malformed page
 * is one dead letter, then {@code $skip} ahead; a row with a problem is a dead letter), with a page bound so a
 * server that never ends cannot hang a test.
 */
public final class TestPulls {

    /** A dead letter: its reason code and message. */
    public record Dead(String reason, String message) {
    }

    public record Result(List<RawRecord> records, List<Dead> deadLetters, Map<String, Integer> skipped,
                         String failure) {
    }

    static final int MAX_PAGES = 50;

    private TestPulls() {
    }

    public static Result run(SourceDefinition definition, String table, String fixturesBase) {
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry(), TestResources.CLOCK);
        HttpFetcher fetcher = HttpFetcher.create(Duration.ofSeconds(2), Duration.ofSeconds(5),
                new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), 2), metrics);
        SourceHttp http = new SourceHttp(fetcher, LinkResolver.fixtures(fixturesBase), definition.source());
        List<RawRecord> records = new ArrayList<>();
        List<Dead> dead = new ArrayList<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        RecordSink sink = new RecordSink() {
            @Override
            public void record(RawRecord record) {
                records.add(record);
            }

            @Override
            public void deadLetter(Row row, String recordId, String field, String message) {
                dead.add(new Dead(Reasons.MALFORMED_ROW, message));
            }

            @Override
            public void skip(String reason) {
                skipped.merge(reason, 1, Integer::sum);
            }
        };
        TableProtocol protocol = definition.protocol(http, table);
        TableMetadata metadata;
        try {
            protocol.version(null);
            metadata = protocol.metadata();
        } catch (MalformedPageException | RuntimeException e) {
            return new Result(records, dead, skipped, e.getMessage());
        }
        RecordMapper mapper = definition.mapper(new MapperContext(definition.source(), metadata,
                TestResources.FAILED_AT, definition.licence()));
        String link = metadata.firstPage();
        Set<String> seen = new HashSet<>();
        boolean first = true;
        for (int pages = 0; link != null && pages < MAX_PAGES; pages++) {
            if (!seen.add(link)) {
                dead.add(new Dead(Reasons.MALFORMED_PAGE, "next link loops back to " + link));
                break;
            }
            Fetched fetched;
            try {
                fetched = first && metadata.prefetched() != null ? metadata.prefetched() : http.get(link);
            } catch (RuntimeException e) {
                return new Result(records, dead, skipped, e.getMessage());
            }
            first = false;
            try {
                Page page = protocol.read(fetched, link, metadata);
                for (Row row : page.rows()) {
                    if (row.problem() != null) {
                        dead.add(new Dead(Reasons.MALFORMED_ROW, row.problem()));
                    } else {
                        mapper.accept(row, sink);
                    }
                }
                link = page.nextLink();
            } catch (MalformedPageException e) {
                dead.add(new Dead(Reasons.MALFORMED_PAGE, e.getMessage()));
                long size = protocol.defaultPageSize();
                link = size > Integer.MAX_VALUE ? null : NextLinks.skipAhead(link, size);
            }
        }
        mapper.finish(sink);
        return new Result(records, dead, skipped, null);
    }
}
