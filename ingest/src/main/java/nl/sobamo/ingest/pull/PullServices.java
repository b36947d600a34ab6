package nl.sobamo.ingest.pull;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.pull.checkpoint.CheckpointStore;
import nl.sobamo.ingest.pull.http.HttpFetcher;
import nl.sobamo.ingest.pull.http.LinkResolver;
import nl.sobamo.ingest.pull.http.SourceHttp;

/**
 * What the pull routes share: the HTTP fetcher, the live/fixture link resolver, the checkpoint store (created on
 * first use, so an app that never pulls never connects it) and the metrics.
 */
public final class PullServices {

    private final HttpFetcher fetcher;
    private final Supplier<LinkResolver> resolver;
    private final Supplier<CheckpointStore> storeFactory;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Instant fixedFetchedAt;
    private CheckpointStore store;

    public PullServices(HttpFetcher fetcher, Supplier<LinkResolver> resolver, Supplier<CheckpointStore> storeFactory,
                        IngestMetrics metrics, Clock clock) {
        this(fetcher, resolver, storeFactory, metrics, clock, null);
    }

    /**
     * @param resolver       asked on every pull (the fixture server may start after the routes are built)
     * @param fixedFetchedAt every record's {@code fetchedAt}, or null for the time of the pull
     */
    public PullServices(HttpFetcher fetcher, Supplier<LinkResolver> resolver, Supplier<CheckpointStore> storeFactory,
                        IngestMetrics metrics, Clock clock, Instant fixedFetchedAt) {
        this.fixedFetchedAt = fixedFetchedAt;
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.storeFactory = Objects.requireNonNull(storeFactory, "storeFactory");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TablePull newPull(SourceDefinition definition, String table) {
        SourceHttp http = new SourceHttp(fetcher, resolver.get(), definition.source());
        return new TablePull(definition, table, http, store(), metrics, clock, fixedFetchedAt);
    }

    public synchronized CheckpointStore store() {
        if (store == null) {
            store = storeFactory.get();
        }
        return store;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    public synchronized void close() {
        if (store != null) {
            store.close();
        }
    }
}
