package nl.sobamo.ingest.pull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * (checkpoint), and at the end {@link #report()}. While a page is published and checkpointed, the next one is
 * already being fetched, parsed and mapped (one page ahead, on a daemon thread); a page's digests, counts and resume
 * point reach the checkpoint only with that page's commit, so its checkpoint logic is unchanged.
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
    // mapping side: touched only by map(), one call at a time (route thread, then the prefetch thread)
    private String link;
    private int skipRows;
    private boolean prefetchedUsed;
    private long pageSize;
    private final Set<String> recordIds = new HashSet<>();
    /** The next page being fetched, read and mapped while the current one is published (null: none). */
    private Ahead ahead;

    // commit side: the route thread
    private boolean finished;
    private RecordDigests baseline = new RecordDigests();
    /** {@link #baseline} encoded, see {@link #baselineBytes()}. */
    private ByteBuffer baselineBytes;
    private RecordDigests current = new RecordDigests();
    private Instant versionStartedAt;
    private int pagesDone;
    /** Pages of this run dead-lettered whole; a run that resumed does not know about lost pages before it. */
    private int pagesLost;
    private long recordsPublished;
    private long recordCount;
    private long rowsRead;
    /** What the last step mapped, written by commit(). */
    private Mapped staged;

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

    /**
     * The next page's batch: fetched, read and mapped, normally already done on the prefetch thread while the
     * previous page was published and checkpointed. Starts the same work for the page after it. When all pages are
     * read, the batch is what the mapper still held.
     */
    public PageBatch step() {
        Mapped m = ahead != null ? ahead.take() : map();
        ahead = null;
        if (!m.last()) {
            // the next page is fetched, read and mapped while this one is published and checkpointed
            ahead = new Ahead(CompletableFuture.supplyAsync(this::map, PREFETCH));
        }
        staged = m;
        finished = m.last();
        return m.batch();
    }

    /**
     * What mapping one page gave, held until its batch is acknowledged: the checkpoint of a page must cover that
     * page's records only, not those of the page already mapped ahead of it.
     *
     * @param resumeLink where a resumed pull starts if this is the last page checkpointed (first pending row's page)
     * @param digests    digests of the page's records (published or unchanged)
     * @param skipped    rows left out on purpose, by reason
     * @param last       the final step (the mapper's flush): the pull is complete once it is checkpointed
     */
    private record Mapped(PageBatch batch, long[] digests, int unchanged, Map<String, Integer> skipped,
                          String resumeLink, int resumeSkip, int rowsRead, boolean pageLost, boolean last) {
    }

    /**
     * Fetches, reads and maps the page at {@link #link}, or flushes the mapper when there is none. Runs on the route
     * thread for the first page and on the prefetch thread after that, one call at a time and in page order (each
     * call is started by the step that took the previous one): the mapping state ({@link #link}, {@link #skipRows},
     * {@link #pageSize}, {@link #recordIds}, the mapper) is only touched here.
     */
    private Mapped map() {
        Collector out = new Collector();
        if (link == null) {
            mapper.finish(out);
            return out.mapped(null, 0, 0, false, true);
        }
        String pageLink = link;
        Read read;
        if (metadata.prefetched() != null && !prefetchedUsed && pageLink.equals(metadata.firstPage())) {
            read = read(metadata.prefetched(), pageLink);
        } else {
            read = read(http.get(pageLink), pageLink);
        }
        prefetchedUsed = true;
        metrics.pages(definition.source(), table).increment();
        Fetched fetched = read.fetched();
        String next;
        int rowsRead = 0;
        boolean lost = false;
        try {
            if (read.malformed() != null) {
                throw read.malformed();
            }
            Page page = read.page();
            List<Row> rows = page.rows();
            for (int i = skipRows; i < rows.size(); i++) {
                Row row = rows.get(i);
                if (row.problem() != null) {
                    out.deadLetter(row, null, null, row.problem());
                } else {
                    mapper.accept(row, out);
                }
            }
            rowsRead = rows.size() - Math.min(skipRows, rows.size());
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
            lost = true;
            next = pageLink.equals(metadata.firstPage()) && metadata.prefetched() != null
                    ? null // a single document: nothing follows it
                    : NextLinks.skipAhead(pageLink, pageSize > 0 ? pageSize : protocol.defaultPageSize());
        }
        skipRows = 0;
        link = next;
        RowPosition pending = mapper.firstPending();
        return out.mapped(pending != null ? pending.pageLink() : next, pending != null ? pending.index() : 0,
                rowsRead, lost, false);
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

    /** The next page, fetched, read and mapped on the prefetch thread. One at a time: never two pages in parallel. */
    private record Ahead(CompletableFuture<Mapped> future) {
        Mapped take() {
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
        Mapped m = staged;
        published += batch.records().size();
        deadLettered += batch.deadLetters().size();
        recordsPublished += batch.records().size();
        recordCount += batch.records().size() + m.unchanged();
        current.addAll(m.digests());
        m.skipped().forEach((reason, n) -> {
            skipped.merge(reason, n, Integer::sum);
            metrics.increment(definition.source(), Outcome.SKIPPED, n);
        });
        if (m.unchanged() > 0) {
            skipped.merge(Reasons.UNCHANGED, m.unchanged(), Integer::sum);
        }
        rowsRead += m.rowsRead();
        if (!m.last()) {
            pagesDone++;
        }
        if (m.pageLost()) {
            pagesLost++;
        }
        boolean stagedFinal = m.last();
        metrics.increment(definition.source(), Outcome.PUBLISHED, batch.records().size());
        metrics.increment(definition.source(), Outcome.DEAD_LETTERED, batch.deadLetters().size());
        metrics.increment(definition.source(), Outcome.SKIPPED, m.unchanged());
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
                .setResumeLink(stagedFinal ? null : m.resumeLink())
                .setResumeSkipRows(stagedFinal ? 0 : m.resumeSkip())
                .setPagesDone(pagesDone)
                .setRecordsPublished(recordsPublished)
                .setRecordCount(recordCount)
                .setDigests(keepDigests ? current.toBytes() : null)
                .setPreviousDigests(stagedFinal || baseline.isEmpty() ? null : baselineBytes())
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

    /**
     * The baseline as checkpoint bytes, encoded once: it does not change during a pull, yet every page's checkpoint
     * carries it (up to 800 kB). A duplicate each time, so a serializer that reads the buffer cannot move its position.
     */
    private ByteBuffer baselineBytes() {
        if (baselineBytes == null) {
            baselineBytes = baseline.toBytes().asReadOnlyBuffer();
        }
        return baselineBytes.duplicate();
    }

    public IngestReport report() {
        return new IngestReport(definition.source(), table, published, deadLettered, skipped,
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    public TableMetadata metadata() {
        return metadata;
    }

    /**
     * Gathers one page's output on the thread that maps it; filters unchanged records (the baseline is only read
     * after start()) and checks record ids. Digests and counts go to the checkpoint only when the page is committed.
     */
    private final class Collector implements RecordSink {
        final List<RawRecord> records = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final Map<String, Integer> skips = new LinkedHashMap<>();
        long[] digests = new long[64];
        int digestCount;
        int unchanged;

        @Override
        public void record(RawRecord record) {
            if (!recordIds.add(record.getRecordId())) {
                deadLetters.add(DeadLetters.of(Reasons.MALFORMED_ROW,
                        new DeadLetters.Origin(definition.source(), table, record.getUri(), record.getContentHash()),
                        record.getLocation(), record.getRecordId(), null,
                        "duplicate record " + record.getRecordId() + " in one pull",
                        record.toString().getBytes(StandardCharsets.UTF_8), clock.instant()));
                return;
            }
            long digest = RecordDigests.digest(record);
            if (digestCount == digests.length) {
                digests = java.util.Arrays.copyOf(digests, digestCount * 2);
            }
            digests[digestCount++] = digest;
            if (baseline.contains(digest)) {
                unchanged++;
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
                    row.raw().get().getBytes(StandardCharsets.UTF_8), clock.instant()));
        }

        @Override
        public void skip(String reason) {
            skips.merge(reason, 1, Integer::sum);
        }

        Mapped mapped(String resumeLink, int resumeSkip, int rowsRead, boolean pageLost, boolean last) {
            return new Mapped(new PageBatch(records, deadLetters), java.util.Arrays.copyOf(digests, digestCount),
                    unchanged, skips, resumeLink, resumeSkip, rowsRead, pageLost, last);
        }
    }

}
