package nl.sobamo.aggregate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.config.Settings;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.ops.MetricsDoc;
import nl.sobamo.ops.OpsSettings;
import nl.sobamo.ops.ServiceOps;
import nl.sobamo.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics the aggregate main registers (app, ops, lag, Streams state) are all in docs/metrics.md. */
class AggregateMetricsDocTest {

    @TempDir
    Path state;

    @Test
    void everyMetricIsDocumented() throws Exception {
        Settings s = Settings.of(Map.of(OpsSettings.PORT, "-1", ServiceOps.LAG_INTERVAL, "PT1H"));
        StreamsSettings settings = new StreamsSettings("sobamo-aggregate-doc", "127.0.0.1:1", "mock://aggregate-doc",
                state, Duration.ofMillis(100), 0, 1, 1);
        try (ServiceOps ops = ServiceOps.create("aggregate", s, settings.bootstrapServers(), settings.registryUrl());
             AggregateApp app = new AggregateApp(settings, AggregateConfig.from(s), QueryApiSettings.DISABLED, ops.registry())) {
            ops.streams(app::streams, settings.applicationId()).lag(settings.applicationId(), List.of(Topics.OBSERVATIONS));
            assertThat(ops.registry().find("sobamo.streams.running").gauge()).isNotNull();
            assertThat(ops.registry().find("sobamo.consumer.lag").gauge()).isNotNull();
            assertThat(MetricsDoc.read(Path.of("..", "docs", "metrics.md")).problems(ops.registry())).isEmpty();
        }
    }
}
