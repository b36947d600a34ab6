package nl.sobamo.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigTest {

    @Test
    void defaultsPointAtTheBundledDataAndFixedRetrievalDates() {
        IngestConfig c = IngestConfig.defaults();
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.registryUrl()).isEqualTo("http://localhost:8080/apis/ccompat/v7");
        assertThat(c.valueSerializer()).isEqualTo("nl.sobamo.serde.SobamoAvroSerializer");
        assertThat(c.kwbResource()).isEqualTo("classpath:data/cbs-kwb-2024/stripped_filtered_data_2024.json");
        assertThat(c.kwbTableInfosResource()).isEqualTo("classpath:data/cbs-kwb-2024/TableInfos.json");
        assertThat(c.kwbFetchedAt()).as("unset: bundled file keeps its date, any other file gets its read time").isNull();
        assertThat(c.iv3Resource()).isEqualTo("classpath:data/iv3-2023/Analysedata_Iv3_2023_jaarrekening.csv");
        assertThat(c.iv3Dataset()).isEqualTo("iv3-jaarrekening-2023");
        assertThat(c.iv3Period()).isEqualTo("2023");
        assertThat(c.iv3FetchedAt()).isNull();
        assertThat(IngestConfig.DEFAULT_KWB_FETCHED_AT).isEqualTo(Instant.parse("2025-04-19T00:00:00Z"));
        assertThat(IngestConfig.DEFAULT_IV3_FETCHED_AT).isEqualTo(Instant.parse("2025-04-28T00:00:00Z"));
    }

    @Test
    void exposesEverySettingAndTheTopicsAsCamelProperties() {
        Properties p = IngestConfig.from(Map.of(IngestConfig.BOOTSTRAP_SERVERS, "broker:29092")).toProperties();
        assertThat(p).containsEntry("sobamo.kafka.bootstrap-servers", "broker:29092")
                .containsEntry("sobamo.registry.url", "http://localhost:8080/apis/ccompat/v7")
                .containsEntry("sobamo.ingest.cbs-kwb.resource", IngestConfig.DEFAULT_KWB_RESOURCE)
                .doesNotContainKeys("sobamo.ingest.cbs-kwb.fetched-at", "sobamo.ingest.iv3.fetched-at")
                .containsEntry("sobamo.topic.raw-cbs-kwb", "sobamo.raw.cbs-kwb.v1")
                .containsEntry("sobamo.topic.raw-iv3", "sobamo.raw.iv3.v1")
                .containsEntry("sobamo.topic.dlq-ingest", "sobamo.dlq.ingest.v1")
                .containsEntry("sobamo.topic.raw-cbs-gebieden", "sobamo.raw.cbs-gebieden.v1")
                .containsEntry("sobamo.topic.raw-rivm", "sobamo.raw.rivm.v1")
                .containsEntry("sobamo.topic.raw-leefbaarometer", "sobamo.raw.leefbaarometer.v1")
                .containsEntry("sobamo.topic.raw-push", "sobamo.raw.push.v1")
                .hasSize(15);
    }

    @Test
    void aFetchedAtTheUserSetsIsExposedToTheRoutes() {
        Properties p = IngestConfig.from(Map.of(IngestConfig.IV3_FETCHED_AT, "2026-03-01T12:00:00Z")).toProperties();
        assertThat(p).containsEntry("sobamo.ingest.iv3.fetched-at", "2026-03-01T12:00:00Z")
                .doesNotContainKey("sobamo.ingest.cbs-kwb.fetched-at");
    }

    @Test
    void overridesBeatSystemPropertiesBeatEnvironmentBeatFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ingest.properties");
        Files.writeString(file, """
                sobamo.kafka.bootstrap-servers=from-file:9092
                sobamo.registry.url=http://from-file
                sobamo.ingest.iv3.period=from-file
                sobamo.ingest.iv3.dataset=from-file
                """);
        Properties overrides = new Properties();
        overrides.setProperty(IngestConfig.BOOTSTRAP_SERVERS, "override:9092");
        Properties system = new Properties();
        system.setProperty(IngestConfig.BOOTSTRAP_SERVERS, "system:9092");
        system.setProperty(IngestConfig.REGISTRY_URL, "http://system");
        Map<String, String> env = Map.of(
                "SOBAMO_CONFIG_FILE", file.toString(),
                "SOBAMO_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "SOBAMO_REGISTRY_URL", "http://env",
                "SOBAMO_INGEST_IV3_PERIOD", "env-period");

        IngestConfig c = IngestConfig.resolve(nl.sobamo.config.Settings.of(overrides, system, env));

        assertThat(c.bootstrapServers()).isEqualTo("override:9092");
        assertThat(c.registryUrl()).isEqualTo("http://system");
        assertThat(c.iv3Period()).isEqualTo("env-period");
        assertThat(c.iv3Dataset()).isEqualTo("from-file");
        assertThat(c.iv3Resource()).isEqualTo(IngestConfig.DEFAULT_IV3_RESOURCE);
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertThat(nl.sobamo.config.Settings.envName("sobamo.ingest.cbs-kwb.fetched-at"))
                .isEqualTo("SOBAMO_INGEST_CBS_KWB_FETCHED_AT");
    }

    @Test
    void aBadInstantNamesTheSetting() {
        assertThatThrownBy(() -> IngestConfig.from(Map.of(IngestConfig.KWB_FETCHED_AT, "yesterday")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sobamo.ingest.cbs-kwb.fetched-at")
                .hasMessageContaining("yesterday");
    }
}
