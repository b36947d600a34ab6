package nl.sobamo.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OpenDataConfigTest {

    @Test
    void defaultsAreLiveWithAllSources() {
        OpenDataConfig c = OpenDataConfig.defaults();
        assertThat(c.mode()).isEqualTo(OpenDataConfig.Mode.LIVE);
        assertThat(c.sources()).isEqualTo(OpenDataConfig.ALL_SOURCES);
        assertThat(c.kwbTablesToPull()).containsExactly("85984NED");
        assertThat(c.cbsV3Url()).isEqualTo("https://opendata.cbs.nl/ODataApi/odata");
        assertThat(c.retry().maxAttempts()).isEqualTo(6);
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.fetchedAt()).isNull();
        assertThat(c.tables("iv3")).as("live: the 2023 accounts, found in the IV3 catalog").containsExactly("2023X005");
    }

    @Test
    void iv3ByYearAndReportTypeOrByTable() {
        assertThat(OpenDataConfig.from(Map.of(OpenDataConfig.IV3_YEARS, "2024-2025",
                OpenDataConfig.IV3_REPORT_TYPE, "begroting")).tables("iv3")).containsExactly("2024X000", "2025X000");
        assertThat(OpenDataConfig.from(Map.of(OpenDataConfig.IV3_TABLES, "45063NED:2023X005")).tables("iv3"))
                .containsExactly("45063NED:2023X005");
        assertThat(OpenDataConfig.from(Map.of(OpenDataConfig.FIXTURES_URL, "http://127.0.0.1:1")).tables("iv3"))
                .as("fixture mode: the constructed full-year fixture").containsExactly("IV3JR2023");
        assertThatThrownBy(() -> OpenDataConfig.from(Map.of(OpenDataConfig.IV3_REPORT_TYPE, "kwartaal")))
                .hasMessageContaining("jaarrekening, begroting");
    }

    @Test
    void aFixturesUrlMeansFixtureModeWithTheFixedFetchTime() {
        OpenDataConfig c = OpenDataConfig.from(Map.of(OpenDataConfig.FIXTURES_URL, "http://127.0.0.1:1"));
        assertThat(c.mode()).isEqualTo(OpenDataConfig.Mode.FIXTURES);
        assertThat(c.fetchedAt()).isEqualTo(OpenDataConfig.FIXTURES_FETCHED_AT);
    }

    @Test
    void fixtureModeWithoutAServerIsAClearError() {
        assertThatThrownBy(() -> OpenDataConfig.from(Map.of(OpenDataConfig.MODE, "fixtures")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(OpenDataConfig.FIXTURES_URL);
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
}
