package nl.sobamo.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OpenDataConfigTest {

    @Test
    void defaultsAreOfflineFixturesWithAllSources() {
        OpenDataConfig c = OpenDataConfig.defaults();
        assertThat(c.mode()).isEqualTo(OpenDataConfig.Mode.FIXTURES);
        assertThat(c.sources()).isEqualTo(OpenDataConfig.ALL_SOURCES);
        assertThat(c.kwbTablesToPull()).containsExactly("85984NED");
        assertThat(c.cbsV3Url()).isEqualTo("https://opendata.cbs.nl/ODataApi/odata");
        assertThat(c.retry().maxAttempts()).isEqualTo(6);
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.fetchedAt()).isEqualTo(OpenDataConfig.FIXTURES_FETCHED_AT);
        assertThat(OpenDataConfig.from(Map.of(OpenDataConfig.MODE, "live")).fetchedAt()).isNull();
    }

    @Test
    void kwbYearsBecomeTablesAfterTheNamedOnes() {
        OpenDataConfig c = OpenDataConfig.from(Map.of(OpenDataConfig.KWB_YEARS, "2018-2025",
                OpenDataConfig.KWB_TABLES, "85984NED"));
        assertThat(c.kwbTablesToPull()).containsExactly("85984NED", "84286NED", "84583NED", "84799NED", "85039NED",
                "85318NED", "85618NED", "86165NED");
        assertThat(c.tables("cbs-kwb")).hasSize(8);
    }

    @Test
    void rejectsWhatItCannotDo() {
        assertThatThrownBy(() -> OpenDataConfig.from(Map.of(OpenDataConfig.KWB_YEARS, "1999")))
                .hasMessageContaining("no KWB table known for 1999");
        assertThatThrownBy(() -> OpenDataConfig.from(Map.of(OpenDataConfig.SOURCES, "cbs-kwb,weather")))
                .hasMessageContaining("unknown source 'weather'");
        assertThatThrownBy(() -> OpenDataConfig.from(Map.of(OpenDataConfig.HTTP_REQUEST_TIMEOUT, "soon")))
                .hasMessageContaining(OpenDataConfig.HTTP_REQUEST_TIMEOUT);
    }

    @Test
    void durationsAndCliOptions() {
        assertThat(OpenDataConfig.duration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(OpenDataConfig.duration("k", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(OpenDataConfig.duration("k", "PT3S")).isEqualTo(Duration.ofSeconds(3));
        var p = IngestCli.parse(new String[] {"--sources=cbs-kwb", "--kwb-years=2018-2020", "--live",
                "--set", "sobamo.ingest.http.max-attempts=3"});
        assertThat(p).containsEntry(OpenDataConfig.SOURCES, "cbs-kwb").containsEntry(OpenDataConfig.KWB_YEARS, "2018-2020")
                .containsEntry(OpenDataConfig.MODE, "live").containsEntry(OpenDataConfig.HTTP_MAX_ATTEMPTS, "3");
        OpenDataConfig c = OpenDataConfig.load(p);
        assertThat(c.mode()).isEqualTo(OpenDataConfig.Mode.LIVE);
        assertThat(c.kwbTablesToPull()).isEqualTo(List.of("85984NED", "84286NED", "84583NED", "84799NED"));
        assertThatThrownBy(() -> IngestCli.parse(new String[] {"--frobnicate"})).hasMessage("unknown option --frobnicate");
    }
}
