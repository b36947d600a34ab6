package nl.sobamo.ingest;

import java.time.Clock;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import nl.sobamo.ingest.checkpoint.CheckpointStore;
import nl.sobamo.ingest.checkpoint.InMemoryCheckpointStore;
import nl.sobamo.ingest.checkpoint.KafkaCheckpointStore;
import nl.sobamo.ingest.fixtures.FixtureServer;
import nl.sobamo.ingest.http.HttpFetcher;
import nl.sobamo.ingest.http.LinkResolver;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.pull.PullServices;
import nl.sobamo.topics.Topics;

/**
 * The app's open-data machinery, built from the config: the HTTP fetcher, live or fixture links (starting the
 * bundled {@link FixtureServer} on first use when fixture mode names no server), and the checkpoint store.
 */
final class OpenDataRuntime implements AutoCloseable {

    private final OpenDataConfig config;
    private final PullServices services;
    private FixtureServer fixtureServer;
    private LinkResolver resolver;

    OpenDataRuntime(IngestConfig ingest, OpenDataConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        IngestMetrics metrics = new IngestMetrics(registry, clock);
        HttpFetcher fetcher = HttpFetcher.create(config.connectTimeout(), config.requestTimeout(), config.retry(),
                metrics);
        this.services = new PullServices(fetcher, this::resolver, () -> store(ingest), metrics, clock,
                config.fetchedAt());
    }

    PullServices services() {
        return services;
    }

    private synchronized LinkResolver resolver() {
        if (resolver == null) {
            if (config.mode() == OpenDataConfig.Mode.LIVE) {
                resolver = LinkResolver.live();
            } else if (!config.fixturesUrl().isBlank()) {
                resolver = LinkResolver.fixtures(config.fixturesUrl());
            } else {
                fixtureServer = FixtureServer.start();
                resolver = LinkResolver.fixtures(fixtureServer.baseUrl());
            }
        }
        return resolver;
    }

    private CheckpointStore store(IngestConfig ingest) {
        return config.checkpoints().equals("memory") ? new InMemoryCheckpointStore()
                : KafkaCheckpointStore.create(Topics.INGEST_CHECKPOINTS, ingest.bootstrapServers(), ingest.registryUrl(),
                        ingest.valueSerializer());
    }

    synchronized Optional<FixtureServer> fixtureServer() {
        return Optional.ofNullable(fixtureServer);
    }

    @Override
    public synchronized void close() {
        services.close();
        if (fixtureServer != null) {
            fixtureServer.close();
        }
    }
}
