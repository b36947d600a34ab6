package nl.sobamo.ingest.pull;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.pull.checkpoint.CheckpointStore;
import nl.sobamo.ingest.pull.checkpoint.InMemoryCheckpointStore;
import nl.sobamo.ingest.pull.checkpoint.KafkaCheckpointStore;
import nl.sobamo.ingest.pull.http.HttpFetcher;
import nl.sobamo.ingest.pull.http.LinkResolver;
import nl.sobamo.topics.Topics;

/**
 * The app's open-data machinery, built from the config: the HTTP fetcher, live or fixture links, and the checkpoint
 * store.
 */
public final class OpenDataRuntime implements AutoCloseable {

    private final OpenDataConfig config;
    private final PullServices services;
    private LinkResolver resolver;

    public OpenDataRuntime(IngestConfig ingest, OpenDataConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        IngestMetrics metrics = new IngestMetrics(registry, clock);
        HttpFetcher fetcher = HttpFetcher.create(config.connectTimeout(), config.requestTimeout(), config.retry(),
                metrics);
        this.services = new PullServices(fetcher, this::resolver, () -> store(ingest), metrics, clock,
                config.fetchedAt());
    }

    public PullServices services() {
        return services;
    }

    private synchronized LinkResolver resolver() {
        if (resolver == null) {
            if (config.mode() == OpenDataConfig.Mode.LIVE) {
                resolver = LinkResolver.live();
            } else {
                resolver = LinkResolver.fixtures(config.fixturesUrl());
            }
        }
        return resolver;
    }

    private CheckpointStore store(IngestConfig ingest) {
        return config.checkpoints().equals("memory") ? new InMemoryCheckpointStore()
                : KafkaCheckpointStore.create(Topics.INGEST_CHECKPOINTS, ingest.bootstrapServers(), ingest.registryUrl(),
                        ingest.valueSerializer());
    }

    @Override
    public synchronized void close() {
        services.close();
    }
}
