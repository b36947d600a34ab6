package nl.sobamo.normalize.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import nl.sobamo.ops.MetricsDoc;
import org.junit.jupiter.api.Test;

/** Every metric normalize registers is in docs/metrics.md with its tags; the reconciliation never double-counts. */
class NormalizeMetricsDocTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NormalizeMetrics metrics = new NormalizeMetrics(registry);

    @Test
    void everyMetricIsDocumented() {
        exerciseEveryOutcome();
        MetricsDoc doc = MetricsDoc.read(Path.of("..", "docs", "metrics.md"));
        assertThat(registry.getMeters()).isNotEmpty();
        assertThat(doc.problems(registry)).isEmpty();
    }

    @Test
    void recordsInIsItsOwnMetricSoTheOutcomesSumToIt() {
        exerciseEveryOutcome();
        double outcomes = registry.find(NormalizeMetrics.RECORDS.name()).tag("source", "iv3").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        assertThat(metrics.recordsIn("iv3")).isEqualTo(3.0).isEqualTo(outcomes);
        assertThat(registry.find(NormalizeMetrics.RECORDS.name()).tag("outcome", "in").counters()).isEmpty();
    }

    @Test
    void tagValuesAreSnakeCaseAndCountersAreRegisteredOnce() {
        exerciseEveryOutcome();
        metrics.deadLettered("iv3", "UNPARSEABLE_VALUE");
        assertThat(registry.get(NormalizeMetrics.DEAD_LETTERS.name()).tag("reason", "unparseable_value").counter().count())
                .isEqualTo(2.0);
        registry.getMeters().forEach(m -> m.getId().getTags().stream()
                .filter(t -> !t.getKey().equals("source")) // source ids are spelled as in Source (cbs-kwb)
                .forEach(t -> assertThat(t.getValue()).as(m.getId().toString()).matches("[a-z0-9_]+")));
    }

    private void exerciseEveryOutcome() {
        for (int i = 0; i < 3; i++) {
            metrics.recordIn("iv3");
        }
        metrics.observed("iv3", 4, 1);
        metrics.deadLettered("iv3", "UNPARSEABLE_VALUE");
        metrics.skipped("iv3");
        metrics.harmonisationRouted();
        metrics.harmonisationPart();
        metrics.harmonised();
    }
}
