package nl.sobamo.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import nl.sobamo.ops.MetricsDoc;
import org.junit.jupiter.api.Test;

/** Every metric ingest registers is in docs/metrics.md; enumerated tag values are snake_case; meters are cached. */
class IngestMetricsDocTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);

    @Test
    void everyMetricIsDocumented() {
        metrics.increment("iv3", IngestMetrics.Outcome.PUBLISHED, 3);
        metrics.increment("iv3", IngestMetrics.Outcome.DEAD_LETTERED, 1);
        metrics.increment("iv3", IngestMetrics.Outcome.SKIPPED, 1);
        metrics.fetchTimer("cbs-kwb", "not-modified").record(Duration.ofMillis(5));
        metrics.fetchRetries("cbs-kwb").increment();
        metrics.pages("cbs-kwb", "85984NED").increment();
        metrics.markFresh("cbs-kwb", "85984NED", Instant.now());
        metrics.scheduledRun(true);

        assertThat(registry.getMeters()).hasSize(8);
        assertThat(MetricsDoc.read(Path.of("..", "docs", "metrics.md")).problems(registry)).isEmpty();
    }

    @Test
    void notModifiedIsSnakeCaseAndTheSameTimerEachTime() {
        assertThat(metrics.fetchTimer("cbs-kwb", "not-modified")).isSameAs(metrics.fetchTimer("cbs-kwb", "not_modified"));
        assertThat(registry.find(IngestMetrics.FETCH_DURATION.name()).tag("outcome", "not_modified").timer()).isNotNull();
        assertThat(registry.find(IngestMetrics.FETCH_DURATION.name()).tag("outcome", "not-modified").timer()).isNull();
        assertThat(metrics.pages("iv3", "t")).isSameAs(metrics.pages("iv3", "t"));
    }
}
