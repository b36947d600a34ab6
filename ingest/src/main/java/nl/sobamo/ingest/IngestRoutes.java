package nl.sobamo.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import nl.sobamo.ingest.bundle.Iv3BundleRoute;
import nl.sobamo.ingest.bundle.KwbBundleRoute;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.ingest.pull.PullRouteBuilder;
import nl.sobamo.ingest.pull.PullServices;
import nl.sobamo.ingest.pull.SourceDefinition;
import nl.sobamo.ingest.pull.source.OpenDataSources;
import org.apache.camel.RoutesBuilder;

/** Every route of the ingest app, wired the same way for the embedded app, camel-main and tests. */
public final class IngestRoutes {

    private IngestRoutes() {
    }

    /**
     * @param registry where {@code sobamo.ingest.records} is counted
     * @param clock    gives dead letters their {@code failedAt}
     */
    public static List<RoutesBuilder> all(MeterRegistry registry, Clock clock) {
        IngestMetrics metrics = new IngestMetrics(registry);
        return List.of(new KwbBundleRoute(metrics, clock), new Iv3BundleRoute(metrics, clock));
    }

    /** The bundle routes plus one pull route per open-data source. */
    public static List<RoutesBuilder> all(MeterRegistry registry, Clock clock, OpenDataConfig config,
                                          PullServices services) {
        List<RoutesBuilder> routes = new ArrayList<>(all(registry, clock));
        for (SourceDefinition source : OpenDataSources.all(config)) {
            routes.add(new PullRouteBuilder(source, services));
        }
        return routes;
    }
}
