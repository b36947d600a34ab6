package nl.sobamo.ingest.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import nl.sobamo.ingest.IngestReport;
import nl.sobamo.schemas.RawRecord;
import org.junit.jupiter.api.Test;

/** Gebieden in Nederland, Iv3, RIVM and Leefbaarometer pulls over their recorded fixtures. */
class SourcePullRouteTest extends PullRouteTestSupport {

    @Test
    void gebiedenPublishesOneRecordPerMunicipalityWithTrimmedCodes() throws Exception {
        adviseAndStart();
        IngestReport report = pull("cbs-gebieden", "85067NED");

        assertThat(report.published()).isEqualTo(345);
        assertThat(report.deadLettered()).isZero();
        assertThat(report.skipped()).isEmpty();
        assertThat(server.requestCount("opendata.cbs.nl/ODataApi/odata/85067NED/TypedDataSet@skip-300")).isEqualTo(1);
        RawRecord amsterdam = recordsById("cbs-gebieden").get("cbs-gebieden/85067NED/2022/GM0363");
        assertThat(amsterdam.getAreaCode()).isEqualTo("GM0363");
        assertThat(amsterdam.getFields())
                .containsEntry("Naam_2", "Amsterdam")
                .containsEntry("Code_26", "PV27")
                .containsEntry("Naam_27", "Noord-Holland")
                .containsEntry("Code_50", "8")
                .containsEntry("Code_52", "1")
                .containsEntry("Omschrijving_53", "Zeer sterk stedelijk")
                .doesNotContainKeys("ID", "RegioS");
        long inhabitants = records("cbs-gebieden").stream()
                .mapToLong(r -> Long.parseLong(r.getFields().get("Inwonertal_54"))).sum();
        assertThat(inhabitants).isEqualTo(17_590_672L);
    }

    @Test
    void iv3GroupsTaakveldRowsIntoOneAccountPerMunicipalityAcrossPageBoundaries() throws Exception {
        adviseAndStart();
        IngestReport report = pull("iv3", "IV3JR2023");

        assertThat(report.published()).isEqualTo(342);
        assertThat(report.deadLettered()).isZero();
        assertThat(report.skipped()).isEqualTo(Map.of("AGGREGATE_ROW", 1));
        Map<String, RawRecord> byId = recordsById("iv3");
        RawRecord amsterdam = byId.get("iv3/IV3JR2023/2023/GM0363");
        assertThat(amsterdam.getAreaCode()).isEqualTo("GM0363");
        assertThat(amsterdam.getPeriod()).isEqualTo("2023");
        assertThat(amsterdam.getFields())
                .containsEntry("gemeente", "Amsterdam")
                .containsEntry("lasten:6.1", "264333")
                .containsEntry("taakveld:6.1", "6.1 Samenkracht en burgerparticipatie");
        // every account is complete: 71 taakvelden, also those split over the 10,000-row pages
        assertThat(byId.values()).allSatisfy(r -> assertThat(r.getFields().keySet().stream()
                .filter(k -> k.startsWith("lasten:")).count()).isEqualTo(71));
    }

    @Test
    void rivmPublishesOneRecordPerRegionAndAgeGroup() throws Exception {
        adviseAndStart();
        IngestReport report = pull("rivm", "50090NED");

        assertThat(report.published()).isEqualTo(2_840); // 8 x 355 gemeenten
        assertThat(report.skipped()).isEqualTo(Map.of("AGGREGATE_ROW", 8)); // NL01 per year and age group
        RawRecord amsterdam = recordsById("rivm").get("rivm/50090NED/2020/GM0363/20300");
        assertThat(amsterdam.getPeriod()).isEqualTo("2020");
        assertThat(amsterdam.getFields())
                .containsEntry("Leeftijd", "20300")
                .containsEntry("Eenzaam_28", "53.2")
                .containsEntry("ErnstigZeerErnstigEenzaam_29", "14.8")
                .containsEntry("Mantelzorger_32", "9.5")
                .containsEntry("Vrijwilligerswerk_33", "17.0")
                .containsEntry("Gemeentenaam_1", "Amsterdam")
                .containsEntry("LopenEnOfFietsenNaarSchoolOfWerk_34", null)
                .doesNotContainKeys("Marges", "ID", "Eenzaam_28@lower");
    }

    @Test
    void rivmPivotsTheMarginsDimensionIntoLowerAndUpperBounds() throws Exception {
        adviseAndStart();
        IngestReport report = pull("rivm", "50120NED"); // synthetic bounds, pages of 5 rows

        assertThat(report.published()).isEqualTo(3);
        assertThat(report.skipped()).isEqualTo(Map.of("AGGREGATE_ROW", 1));
        RawRecord amsterdam = recordsById("rivm").get("rivm/50120NED/2022/GM0363/20300");
        assertThat(amsterdam.getFields())
                .containsEntry("Eenzaam_27", "53.2")
                .containsEntry("Eenzaam_27@lower", "51.7")
                .containsEntry("Eenzaam_27@upper", "54.7")
                .containsEntry("Mantelzorger_31@lower", "8.0")
                .containsEntry("Mantelzorger_31@upper", "11.0")
                .doesNotContainKeys("Gemeentenaam_1@lower");
    }

    @Test
    void leefbaarometerReadsTheQuirkyHeaderAndASecondRunGetsA304() throws Exception {
        adviseAndStart();
        IngestReport report = pull("leefbaarometer", "leefbaarometer-3.0");

        assertThat(report.published()).isEqualTo(56);
        RawRecord randwijck = recordsById("leefbaarometer").get("leefbaarometer/leefbaarometer-3.0/2014/WK036201");
        assertThat(randwijck.getAreaCode()).isEqualTo("WK036201");
        assertThat(randwijck.getPeriod()).isEqualTo("2014");
        assertThat(randwijck.getFields()).containsOnlyKeys("lbm", "afw", "fys", "onv", "soc", "vrz", "won")
                .containsEntry("lbm", "4.270599604867483")
                .containsEntry("soc", "-0.0036676345541941");
        assertThat(randwijck.getLocation()).isEqualTo("line 2");

        IngestReport second = pull("leefbaarometer", "leefbaarometer-3.0");
        assertThat(second.published()).isZero();
        assertThat(second.skipped()).isEqualTo(Map.of("UNCHANGED", 56));
    }
}
