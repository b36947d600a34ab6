package nl.sobamo.ingest.bundle;

import java.time.Clock;
import java.time.Instant;

import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.records.ParseResult;
import nl.sobamo.topics.Source;
import org.apache.camel.Exchange;

/**
 * {@code direct:ingest-cbs-kwb-bundle} (route {@code cbs-kwb-bundle}): publishes the CBS KWB extract to
 * {@code {{sobamo.topic.raw-cbs-kwb}}}, one record per region, keyed by record id.
 */
public final class KwbBundleRoute extends BundleRouteBuilder {

    public static final String ROUTE_ID = routeId(Source.CBS_KWB);
    public static final String ENDPOINT = endpoint(Source.CBS_KWB);

    private static final BundledFile FILE = new BundledFile(IngestConfig.KWB_RESOURCE, IngestConfig.KWB_FETCHED_AT,
            IngestConfig.DEFAULT_KWB_RESOURCE, IngestConfig.DEFAULT_KWB_FETCHED_AT);

    public KwbBundleRoute(IngestMetrics metrics, Clock clock) {
        super(Source.CBS_KWB, FILE, metrics, clock);
    }

    @Override
    protected ParseResult parse(Exchange exchange, String uri, Instant fetchedAt) throws Exception {
        byte[] data = read(exchange, uri);
        byte[] tableInfos = read(exchange, property(exchange, IngestConfig.KWB_TABLE_INFOS_RESOURCE));
        return new KwbBundleParser(fetchedAt, clock).parse(uri, data, tableInfos);
    }
}
