package nl.sobamo.ingest;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import nl.sobamo.ingest.iv3.Iv3BundleRoute;
import nl.sobamo.ingest.kwb.KwbBundleRoute;
import nl.sobamo.ingest.metrics.IngestMetrics;
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
}
