package nl.sobamo.ingest.pull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import nl.sobamo.ingest.IngestReport;
import nl.sobamo.ingest.metrics.IngestMetrics.Outcome;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.pull.checkpoint.CheckpointStore;
import nl.sobamo.ingest.pull.checkpoint.RecordDigests;
import nl.sobamo.ingest.pull.http.Fetched;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.MalformedPageException;
import nl.sobamo.ingest.pull.protocol.Page;
import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.ingest.pull.protocol.RowPosition;
import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.ingest.pull.protocol.TableProtocol;
import nl.sobamo.ingest.pull.protocol.odata.NextLinks;
import nl.sobamo.ingest.records.DeadLetters;
import nl.sobamo.ingest.records.Reasons;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.IngestCheckpoint;
import nl.sobamo.schemas.RawRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pull of one table, driven step by step by the source's route: {@link #start()}, then while
 * {@link #hasWork()}: {@link #step()} (fetch and map one page), publish the batch, {@link #commit(PageBatch)}
 * (checkpoint), and at the end {@link #report()}. While a page is mapped, published and checkpointed, the next one
 * is already being fetched and parsed (one page ahead, on a daemon thread); its checkpoint logic is unchanged.
 *
 * <p>Incremental and idempotent (docs/decisions/0008-incremental-pulls-and-checkpoints.md):
 * <ul>
 *   <li>the table's version stamp (v3 TableInfos / v4 Properties {@code Modified}, or a document's ETag / hash)
 *       equal to the last completed pull's: nothing is fetched beyond the metadata, nothing published;</li>
 *   <li>otherwise every record's digest is looked up in the last completed version's digests: an unchanged record
 *       is counted as skipped {@code UNCHANGED}, a new or changed one is published;</li>
 *   <li>a checkpoint is written after every page, once its records are acknowledged, so a pull that dies resumes
 *       at the first row not yet published (same version stamp), not from zero.</li>
 * </ul>
 * A page that cannot be read goes to the DLQ whole; the pull continues with the page after it (by {@code $skip}).
 * Such a pull is not complete: its final checkpoint keeps no version stamp (modified and ETag null), so the next run
 * cannot take the table for unchanged and pulls it again; the digests of what was published make that run publish
 * only the rows the lost page held (and whatever changed), not duplicates of the others.
 * A fetch that fails after all retries fails the pull; its checkpoint stays at the last good page.
 */
public final class TablePull {

    private static final Logger LOG = LoggerFactory.getLogger(TablePull.class);
    /** Fetches (and parses) the next page of a pull while the current one is mapped and published. */
    private static final ExecutorService PREFETCH = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sobamo-pull-prefetch");
        t.setDaemon(true);
        return t;
    });
    /** Above this, a checkpoint keeps no digests (Kafka's 1 MB message limit); a changed table is then republished. */
    static final int MAX_DIGESTS = 100_000;

    private final SourceDefinition definition;
    private final String table;
    private final TableProtocol protocol;
    private final SourceHttp http;
    private final CheckpointStore store;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Instant fixedFetchedAt;
    private final long startedNanos = System.nanoTime();

    private TableMetadata metadata;
    private RecordMapper mapper;
    private MapperContext context;
    private String link;
    private int skipRows;
    private boolean prefetchedUsed;
    /** The next page being fetched while the current one is published (null: none). */
    private Ahead ahead;
    private boolean finished;
    private RecordDigests baseline = new RecordDigests();
    private RecordDigests current = new RecordDigests();
    private final Set<String> recordIds = new HashSet<>();
    private Instant versionStartedAt;
    private int pagesDone;
    /** Pages of this run dead-lettered whole; a run that resumed does not know about lost pages before it. */
    private int pagesLost;
    private long recordsPublished;
    private long recordCount;
    private long pageSize;
    private long rowsRead;

    // staged by step(), written by commit()
    private String stagedResumeLink;
    private int stagedResumeSkip;
    private boolean stagedFinal;
    private int stagedUnchanged;

    // this run
    private int published;
    private int deadLettered;
    private final Map<String, Integer> skipped = new LinkedHashMap<>();

    public TablePull(SourceDefinition definition, String table, SourceHttp http, CheckpointStore store,
                     IngestMetrics metrics, Clock clock, Instant fixedFetchedAt) {
        this.fixedFetchedAt = fixedFetchedAt;
        this.definition = Objects.requireNonNull(definition, "definition");
        this.table = Objects.requireNonNull(table, "table");
        this.http = Objects.requireNonNull(http, "http");
        this.protocol = definition.protocol(http, table);
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private String key() {
        return definition.checkpointKey(table);
    }

    /** Reads the checkpoint and the metadata, and decides: unchanged, resume, or a (new) full version. */
    public void start() {
        IngestCheckpoint cp = store.get(key()).orElse(null);
        String modified;
        try {
            modified = protocol.version(cp == null ? null : cp.getEtag())[0];
        } catch (MalformedPageException e) {
            throw new IllegalStateException(definition.source() + " " + table + ": cannot read the version: "
                    + e.getMessage(), e);
        }
        Instant now = clock.instant();
        if (cp != null && cp.getCompletedAt() != null && modified != null && modified.equals(cp.getModified())) {
            LOG.info("{} {}: unchanged since the pull completed at {} (version {}): {} records, nothing to publish",
                    definition.source(), table, cp.getCompletedAt(), cp.getModified(), cp.getRecordCount());
            skipped.put(Reasons.UNCHANGED, (int) cp.getRecordCount());
            metrics.increment(definition.source(), Outcome.SKIPPED, (int) cp.getRecordCount());
            metrics.markFresh(definition.source(), table, now);
            finished = true;
            return;
        }
        try {
            metadata = protocol.metadata();
        } catch (MalformedPageException e) {
            throw new IllegalStateException(definition.source() + " " + table + ": cannot read the metadata: "
                    + e.getMessage(), e);
        }
        definition.check(metadata);
        context = new MapperContext(definition.source(), metadata, fixedFetchedAt != null ? fixedFetchedAt : now,
                definition.licence());
        mapper = definition.mapper(context);
        if (cp != null && cp.getCompletedAt() == null && cp.getResumeLink() != null
                && Objects.equals(cp.getModified(), metadata.modified())) {
            link = cp.getResumeLink();
            skipRows = cp.getResumeSkipRows();
            current = RecordDigests.fromBytes(cp.getDigests());
            baseline = RecordDigests.fromBytes(cp.getPreviousDigests());
            pagesDone = cp.getPagesDone();
            recordsPublished = cp.getRecordsPublished();
            recordCount = cp.getRecordCount();
            versionStartedAt = cp.getStartedAt();
            LOG.info("{} {}: resuming the pull started at {} at {} (row {}), {} records done",
                    definition.source(), table, versionStartedAt, link, skipRows, recordCount);
        } else {
            if (cp != null) {
                baseline = RecordDigests.fromBytes(cp.getCompletedAt() != null ? cp.getDigests() : cp.getPreviousDigests());
                LOG.info("{} {}: version {} differs from the checkpoint's {}: pulling, publishing only records that"
                        + " changed ({} known)", definition.source(), table, metadata.modified(), cp.getModified(),
                        baseline.size());
            } else {
                LOG.info("{} {}: first pull (version {})", definition.source(), table, metadata.modified());
            }
            link = metadata.firstPage();
            versionStartedAt = now;
        }
    }

    public boolean hasWork() {
        return !finished;
    }

    /** Fetches and maps the next page, or, when all pages are read, flushes the mapper. */
    public PageBatch step() {
        Collector out = new Collector();
        if (link == null) {
            mapper.finish(out);
            stagedFinal = true;
            stagedResumeLink = null;
            stagedResumeSkip = 0;
            finished = true;
            return out.batch();
        }
        String pageLink = link;
        Read read;
        if (metadata.prefetched() != null && !prefetchedUsed && pageLink.equals(metadata.firstPage())) {
            read = read(metadata.prefetched(), pageLink);
        } else if (ahead != null && ahead.link().equals(pageLink)) {
            read = ahead.take();
        } else {
            read = read(http.get(pageLink), pageLink);
        }
        ahead = null;
        prefetchedUsed = true;
        metrics.pages(definition.source(), table).increment();
        Fetched fetched = read.fetched();
        String next;
        try {
            if (read.malformed() != null) {
                throw read.malformed();
            }
            Page page = read.page();
            if (page.nextLink() != null) {
                // fetch and parse the next page while this one is mapped, published and checkpointed
                ahead = new Ahead(page.nextLink(), CompletableFuture.supplyAsync(
                        () -> read(http.get(page.nextLink()), page.nextLink()), PREFETCH));
            }
            List<Row> rows = page.rows();
            for (int i = skipRows; i < rows.size(); i++) {
                Row row = rows.get(i);
                if (row.problem() != null) {
                    out.deadLetter(row, null, null, row.problem());
                } else {
                    mapper.accept(row, out);
                }
            }
            rowsRead += rows.size() - Math.min(skipRows, rows.size());
            next = page.nextLink();
            if (next != null) {
                pageSize = Math.max(pageSize, rows.size());
            }
        } catch (MalformedPageException e) {
            LOG.warn("{} {}: page {} is malformed, dead-lettered whole: {}", definition.source(), table, pageLink,
                    e.getMessage());
            out.deadLetters.add(DeadLetters.of(Reasons.MALFORMED_PAGE,
                    new DeadLetters.Origin(definition.source(), table, fetched.uri().toString(), fetched.sha256()),
                    "page", null, null, e.getMessage(), fetched.body(), clock.instant()));
            pagesLost++;
            next = pageLink.equals(metadata.firstPage()) && metadata.prefetched() != null
                    ? null // a single document: nothing follows it
                    : NextLinks.skipAhead(pageLink, pageSize > 0 ? pageSize : protocol.defaultPageSize());
        }
        skipRows = 0;
        link = next;
        pagesDone++;
        RowPosition pending = mapper.firstPending();
        stagedResumeLink = pending != null ? pending.pageLink() : next;
        stagedResumeSkip = pending != null ? pending.index() : 0;
        stagedFinal = false;
        return out.batch();
    }

    /** A fetched page and what reading it gave: its rows, or why it cannot be read. */
    private record Read(Fetched fetched, Page page, MalformedPageException malformed) {
    }

    private Read read(Fetched fetched, String pageLink) {
        try {
            return new Read(fetched, protocol.read(fetched, pageLink, metadata), null);
        } catch (MalformedPageException e) {
            return new Read(fetched, null, e);
        }
    }

    /** The next page, fetched and read on the prefetch thread. One at a time: HTTP and protocol never run in parallel. */
    private record Ahead(String link, CompletableFuture<Read> future) {
        Read take() {
            try {
                return future.join();
            } catch (CompletionException e) {
                // a fetch that failed after its retries fails the pull, as when fetched in line
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
    }

    /** Called once the batch of the last step is acknowledged: counts it and writes the checkpoint. */
    public void commit(PageBatch batch) {
        published += batch.records().size();
        deadLettered += batch.deadLetters().size();
        recordsPublished += batch.records().size();
        recordCount += batch.records().size() + stagedUnchanged;
        if (stagedUnchanged > 0) {
            skipped.merge(Reasons.UNCHANGED, stagedUnchanged, Integer::sum);
        }
        metrics.increment(definition.source(), Outcome.PUBLISHED, batch.records().size());
        metrics.increment(definition.source(), Outcome.DEAD_LETTERED, batch.deadLetters().size());
        metrics.increment(definition.source(), Outcome.SKIPPED, stagedUnchanged);
        stagedUnchanged = 0;
        Instant now = clock.instant();
        boolean keepDigests = current.size() <= MAX_DIGESTS;
        // the rows of a lost page were never published: without a version stamp the next run pulls the table again
        boolean incomplete = stagedFinal && pagesLost > 0;
        if (incomplete) {
            LOG.warn("{} {}: {} page(s) dead-lettered; the pull is checkpointed without a version stamp so the next"
                    + " run fetches the table again and publishes the missing rows", definition.source(), table,
                    pagesLost);
        }
        store.put(IngestCheckpoint.newBuilder()
                .setTable(key())
                .setSource(definition.source())
                .setDataset(table)
                .setModified(incomplete ? null : metadata.modified())
                .setEtag(incomplete ? null : metadata.etag())
                .setContentHash(stagedFinal ? current.contentHash() : null)
                .setResumeLink(stagedFinal ? null : stagedResumeLink)
                .setResumeSkipRows(stagedFinal ? 0 : stagedResumeSkip)
                .setPagesDone(pagesDone)
                .setRecordsPublished(recordsPublished)
                .setRecordCount(recordCount)
                .setDigests(keepDigests ? current.toBytes() : null)
                .setPreviousDigests(stagedFinal || baseline.isEmpty() ? null : baseline.toBytes())
                .setStartedAt(versionStartedAt)
                .setCompletedAt(stagedFinal ? now : null)
                .build());
        double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        if (stagedFinal) {
            metrics.markFresh(definition.source(), table, now);
        } else {
            LOG.info("{} {}: page {} done: {} rows read this run ({} rows/s); version so far {} records, {} published"
                            + " this run, {} unchanged, {} dead-lettered", definition.source(), table, pagesDone,
                    rowsRead, Math.round(rowsRead / seconds), recordCount, published,
                    skipped.getOrDefault(Reasons.UNCHANGED, 0), deadLettered);
        }
    }

    public IngestReport report() {
        return new IngestReport(definition.source(), table, published, deadLettered, skipped,
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    public TableMetadata metadata() {
        return metadata;
    }

    /** Gathers a step's output; filters unchanged records and checks record ids. */
    private final class Collector implements RecordSink {
        final List<RawRecord> records = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();

        @Override
        public void record(RawRecord record) {
            if (!recordIds.add(record.getRecordId())) {
                deadLetters.add(DeadLetters.of(Reasons.MALFORMED_ROW,
                        new DeadLetters.Origin(definition.source(), table, record.getUri(), record.getContentHash()),
                        record.getLocation(), record.getRecordId(), null,
                        "duplicate record " + record.getRecordId() + " in one pull",
                        record.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), clock.instant()));
                return;
            }
            long digest = RecordDigests.digest(record);
            current.add(digest);
            if (baseline.contains(digest)) {
                stagedUnchanged++;
            } else {
                records.add(record);
            }
        }

        @Override
        public void deadLetter(Row row, String recordId, String field, String message) {
            String text = row.location() + ": " + message;
            LOG.warn("{} {}: dead letter: {}", definition.source(), table, text);
            deadLetters.add(DeadLetters.of(Reasons.MALFORMED_ROW,
                    new DeadLetters.Origin(definition.source(), table, row.uri(), row.contentHash()),
                    row.location(), recordId, field, text,
                    row.raw().get().getBytes(java.nio.charset.StandardCharsets.UTF_8), clock.instant()));
        }

        @Override
        public void skip(String reason) {
            skipped.merge(reason, 1, Integer::sum);
            metrics.increment(definition.source(), Outcome.SKIPPED, 1);
        }

        PageBatch batch() {
            return new PageBatch(records, deadLetters);
        }
    }

}
