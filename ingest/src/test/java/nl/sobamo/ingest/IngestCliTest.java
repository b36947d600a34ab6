package nl.sobamo.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import nl.sobamo.ingest.pull.OpenDataConfig;
import org.junit.jupiter.api.Test;

class IngestCliTest {

    @Test
    void optionsBecomeOpenDataSettings() {
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
