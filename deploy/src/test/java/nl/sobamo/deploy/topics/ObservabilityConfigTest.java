package nl.sobamo.deploy.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sobamo.ops.MetricsDoc;
import org.junit.jupiter.api.Test;

/** The alert rules and the dashboard parse, cover the required alerts, and query only documented metrics. */
class ObservabilityConfigTest {

    private static final Pattern SERIES = Pattern.compile("\\b(sobamo_[a-z0-9_]+)");

    @Test
    void alertRulesCoverEveryRequiredAlertWithARunbook() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Path.of("prometheus", "alerts.yml").toFile())
                .at("/groups/0/rules");
        List<String> names = new ArrayList<>();
        rules.forEach(r -> {
            names.add(r.get("alert").asText());
            assertThat(r.get("expr").asText()).isNotBlank();
            assertThat(r.at("/annotations/runbook").asText()).startsWith("docs/operations.md#");
        });
        assertThat(names).contains("SobamoDeadLettersGrowing", "SobamoConsumerLagNotShrinking", "SobamoDatasetStale",
                "SobamoPushServerErrors", "SobamoStreamsNotRunning");
    }

    @Test
    void alertsAndDashboardQueryOnlyDocumentedMetrics() throws IOException {
        Set<String> documented = MetricsDoc.read(Path.of("..", "docs", "metrics.md")).names();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("grafana", "sobamo.json").toFile());
        assertThat(dashboard.get("panels").size()).isGreaterThanOrEqualTo(6);
        String queries = Files.readString(Path.of("prometheus", "alerts.yml")) + dashboard;
        Matcher m = SERIES.matcher(queries);
        int n = 0;
        while (m.find()) {
            n++;
            String series = m.group(1).replaceAll("_(total|seconds_count|seconds_sum|seconds_max|seconds|records)$", "");
            assertThat(documented).as(m.group(1)).anySatisfy(name -> assertThat(name.replace('.', '_')).isEqualTo(series));
        }
        assertThat(n).isGreaterThan(10);
    }
}
