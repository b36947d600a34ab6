package nl.sobamo.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import nl.sobamo.ops.MetricsDoc;
import org.junit.jupiter.api.Test;

/** Every metric push registers (requests, rejections, files, server rejections, published records) is in docs/metrics.md. */
class PushMetricsDocTest {

    @Test
    void everyMetricIsDocumented() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PushMetrics metrics = new PushMetrics(registry);
        metrics.request("api", "visitors", 202, Duration.ofMillis(12));
        metrics.request("file", "no-such-dataset", 422, Duration.ofMillis(3));
        metrics.request("api", "visitors", 503, Duration.ofMillis(40));
        metrics.published(2);
        metrics.rejected("api", "personal-data-email");
        metrics.file("rejected", "missing-field");
        metrics.file("published", null);
        metrics.serverRejected(413);

        assertThat(registry.get(PushMetrics.REQUESTS.name()).tag("status", "503").timer().count()).isEqualTo(1);
        assertThat(MetricsDoc.read(Path.of("..", "docs", "metrics.md")).problems(registry)).isEmpty();
    }
}
