package nl.sobamo.ingest.bundle;

import java.time.Clock;
import java.time.Instant;

import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.records.ParseResult;
import nl.sobamo.topics.Source;
import org.apache.camel.Exchange;

/**
 * {@code direct:ingest-iv3-bundle} (route {@code iv3-bundle}): publishes the Iv3 analysedata CSV to
 * {@code {{sobamo.topic.raw-iv3}}}, one record per gemeente, keyed by record id.
 */
public final class Iv3BundleRoute extends BundleRouteBuilder {

    public static final String ROUTE_ID = routeId(Source.IV3);
    public static final String ENDPOINT = endpoint(Source.IV3);

    private static final BundledFile FILE = new BundledFile(IngestConfig.IV3_RESOURCE, IngestConfig.IV3_FETCHED_AT,
            IngestConfig.DEFAULT_IV3_RESOURCE, IngestConfig.DEFAULT_IV3_FETCHED_AT);

    public Iv3BundleRoute(IngestMetrics metrics, Clock clock) {
        super(Source.IV3, FILE, metrics, clock);
    }

    @Override
    protected ParseResult parse(Exchange exchange, String uri, Instant fetchedAt) throws Exception {
        return new Iv3BundleParser(property(exchange, IngestConfig.IV3_DATASET),
                property(exchange, IngestConfig.IV3_PERIOD), fetchedAt, clock)
                .parse(uri, read(exchange, uri));
    }
}
