package nl.sobamo.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import nl.sobamo.config.Settings;
import nl.sobamo.ingest.metrics.IngestMetrics;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class ScheduledPullRouteTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void pullsAgainOnEveryTickAndCountsFailuresWithoutStopping() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        PullSchedule schedule = new PullSchedule(Duration.ofMillis(20), Duration.ZERO);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new ScheduledPullRoute(schedule, () -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("source down");
                }
                return List.of();
            }, new IngestMetrics(registry)));
            camel.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> succeeded() >= 2);
        }
        assertThat(registry.get(IngestMetrics.SCHEDULED_RUNS.name()).tag("outcome", "failed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void scheduleFromSettings() {
        assertThat(PullSchedule.from(Settings.of(Map.of(PullSchedule.INTERVAL, "PT6H", PullSchedule.INITIAL_DELAY, "0"))))
                .isEqualTo(new PullSchedule(Duration.ofHours(6), Duration.ZERO));
        assertThat(PullSchedule.from(Settings.of(Map.of()))).isEqualTo(new PullSchedule(Duration.ofHours(24), Duration.ofMinutes(1)));
        assertThat(Settings.envName(PullSchedule.INTERVAL)).isEqualTo("SOBAMO_INGEST_SCHEDULE_INTERVAL");
    }

    private double succeeded() {
        var c = registry.find(IngestMetrics.SCHEDULED_RUNS.name()).tag("outcome", "succeeded").counter();
        return c == null ? 0 : c.count();
    }
}
