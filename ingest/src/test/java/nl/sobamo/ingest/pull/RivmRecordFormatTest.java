package nl.sobamo.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import nl.sobamo.fixtures.FixtureServer;
import nl.sobamo.ingest.TestResources;
import nl.sobamo.ingest.pull.source.OpenDataSources;
import nl.sobamo.schemas.RawRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact {@link RawRecord} the RIVM pull emits for one recorded estimate with its margins (50120NED,
 * Amsterdam, 18+, 2022: rows $.value[3], [4] of the first page and [0] of the second), so tests downstream can build
 * RIVM records the way the real route does: period {@code 2022} (not the CBS key {@code 2022JJ00}), id
 * {@code rivm/<table>/<year>/<region>/<Leeftijd>}, padding trimmed, {@code ID}/{@code Marges}/region/period columns
 * dropped, bounds as {@code @lower}/{@code @upper} of the measures only.
 */
class RivmRecordFormatTest {

    private static FixtureServer server;

    @BeforeAll
    static void start() {
        server = FixtureServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void oneEstimateWithItsMarginsBecomesExactlyThisRecord() {
        OpenDataConfig config = OpenDataConfig.from(Map.of(OpenDataConfig.FIXTURES_URL, server.baseUrl()));
        SourceDefinition rivm = OpenDataSources.all(config).stream().filter(d -> d.source().equals("rivm"))
                .findFirst().orElseThrow();

        TestPulls.Result result = TestPulls.run(rivm, "50120NED", server.baseUrl());

        RawRecord amsterdam = result.records().stream()
                .filter(r -> r.getRecordId().equals("rivm/50120NED/2022/GM0363/20300")).findFirst().orElseThrow();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Leeftijd", "20300");
        fields.put("Gemeentenaam_1", "Amsterdam");
        fields.put("SoortRegio_2", "Gemeente");
        fields.put("Codering_3", "GM0363");
        fields.put("ErvarenGezondheidGoedZeerGoed_4", "78.2");
        fields.put("Eenzaam_27", "53.2");
        fields.put("ErnstigZeerErnstigEenzaam_28", "14.8");
        fields.put("Mantelzorger_31", "9.5");
        fields.put("Vrijwilligerswerk_32", "17.0");
        fields.put("ErvarenGezondheidGoedZeerGoed_4@lower", "76.7");
        fields.put("Eenzaam_27@lower", "51.7");
        fields.put("ErnstigZeerErnstigEenzaam_28@lower", "13.3");
        fields.put("Mantelzorger_31@lower", "8.0");
        fields.put("Vrijwilligerswerk_32@lower", "15.5");
        fields.put("ErvarenGezondheidGoedZeerGoed_4@upper", "79.7");
        fields.put("Eenzaam_27@upper", "54.7");
        fields.put("ErnstigZeerErnstigEenzaam_28@upper", "16.3");
        fields.put("Mantelzorger_31@upper", "11.0");
        fields.put("Vrijwilligerswerk_32@upper", "18.5");
        assertThat(amsterdam.getSource()).isEqualTo("rivm");
        assertThat(amsterdam.getDataset()).isEqualTo("50120NED");
        assertThat(amsterdam.getPeriod()).isEqualTo("2022");
        assertThat(amsterdam.getAreaCode()).isEqualTo("GM0363");
        assertThat(amsterdam.getFields()).containsExactlyInAnyOrderEntriesOf(fields);
        assertThat(amsterdam.getFetchedAt()).isEqualTo(TestResources.FAILED_AT);
        assertThat(amsterdam.getUri()).endsWith("/dataderden.cbs.nl/ODataApi/odata/50120NED/UntypedDataSet?$format=json");
        assertThat(amsterdam.getLocation()).isEqualTo("$.value[3] .. $.value[0] of " + server.baseUrl()
                + "/dataderden.cbs.nl/ODataApi/odata/50120NED/UntypedDataSet?$format=json&$skip=5");
        assertThat(amsterdam.getLicence()).isEqualTo(rivm.licence());
    }
}
