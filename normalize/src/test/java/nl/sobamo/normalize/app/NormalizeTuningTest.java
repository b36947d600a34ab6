package nl.sobamo.normalize.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import nl.sobamo.config.Settings;
import org.junit.jupiter.api.Test;

class NormalizeTuningTest {

    @Test
    void defaultsApplyOnTopOfTheSharedStreamsProperties() {
        Properties shared = new Properties();
        shared.put("application.id", "sobamo-normalize");
        shared.put("commit.interval.ms", "100");

        Properties p = NormalizeTuning.from(Settings.of(Map.of())).applyTo(shared);

        assertThat(NormalizeTuning.from(Settings.of(Map.of()))).isEqualTo(NormalizeTuning.defaults());
        assertThat(p).containsEntry("application.id", "sobamo-normalize").containsEntry("commit.interval.ms", "100")
                .containsEntry("max.task.idle.ms", "-1")
                .containsEntry("producer.batch.size", Integer.toString(64 * 1024))
                .containsEntry("producer.linger.ms", "10");
        assertThat(shared).doesNotContainKey("max.task.idle.ms"); // a copy, the shared properties are untouched
    }

    @Test
    void settingsOverrideEachDefault() {
        NormalizeTuning t = NormalizeTuning.from(Settings.of(Map.of(
                "sobamo.normalize.max-task-idle", "0",
                "sobamo.normalize.producer.batch-size", "16384",
                "sobamo.normalize.producer.linger", "PT0.005S")));

        assertThat(t).isEqualTo(new NormalizeTuning(Duration.ZERO, 16384, Duration.ofMillis(5)));
        assertThat(t.applyTo(new Properties())).containsEntry("max.task.idle.ms", "0")
                .containsEntry("producer.batch.size", "16384").containsEntry("producer.linger.ms", "5");
    }
}
