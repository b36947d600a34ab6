package nl.sobamo.ingest.schedule;

import java.util.List;
import java.util.function.Supplier;
import nl.sobamo.ingest.IngestReport;
import nl.sobamo.ingest.metrics.IngestMetrics;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Camel timer that runs the configured pulls on the {@link PullSchedule}: one pull at a time (fixed delay, not
 * fixed rate, so a slow pull is never overlapped by the next), each counted in
 * {@code sobamo.ingest.scheduled.runs}{outcome}. A failed pull is logged and retried at the next tick; its
 * checkpoint holds the last completed page.
 */
public final class ScheduledPullRoute extends RouteBuilder {

    public static final String ROUTE_ID = "ingest-scheduled-pull";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledPullRoute.class);

    private final PullSchedule schedule;
    private final Supplier<List<IngestReport>> pull;
    private final IngestMetrics metrics;

    /** @param pull e.g. {@code app::pullConfigured} */
    public ScheduledPullRoute(PullSchedule schedule, Supplier<List<IngestReport>> pull, IngestMetrics metrics) {
        this.schedule = schedule;
        this.pull = pull;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        fromF("timer:sobamo-ingest-schedule?delay=%d&period=%d&fixedRate=false",
                schedule.initialDelay().toMillis(), schedule.interval().toMillis())
                .routeId(ROUTE_ID)
                .process(exchange -> runOnce());
    }

    void runOnce() {
        try {
            List<IngestReport> reports = pull.get();
            reports.forEach(r -> LOG.info("scheduled pull: {}", r.summary()));
            metrics.scheduledRun(true);
        } catch (RuntimeException e) {
            LOG.error("scheduled pull failed; next attempt in {}", schedule.interval(), e);
            metrics.scheduledRun(false);
        }
    }
}
