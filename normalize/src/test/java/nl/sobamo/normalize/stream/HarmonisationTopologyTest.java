package nl.sobamo.normalize.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Predicate;
import nl.sobamo.normalize.fixtures.NationalData;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.schemas.Sphere;
import nl.sobamo.topics.Topics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RIVM 50090NED (2020 boundaries) re-expressed on today's municipalities, on real fixture rows. */
class HarmonisationTopologyTest {

    private NormalizeDriver driver;
    private TestInputTopic<String, RawRecord> rivm;
    private TestInputTopic<String, RawRecord> gebieden;

    @BeforeEach
    void setUp() {
        driver = new NormalizeDriver("harmonise");
        rivm = driver.raw(Topics.RAW_RIVM);
        gebieden = driver.raw(Topics.RAW_CBS_GEBIEDEN);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static RawRecord rivm2020(String code) {
        return NationalData.rivm50090().stream()
                .filter(r -> r.getAreaCode().equals(code) && r.getPeriod().equals("2020") && r.getFields().get("Leeftijd").equals("20300"))
                .findFirst().orElseThrow();
    }

    @Test
    void weespAndAmsterdam2020BecomeOneAmsterdamOnTodaysBoundaries() {
        rivm.pipeInput(rivm2020("GM0363").getRecordId(), rivm2020("GM0363"));
        assertThat(driver.observations.isEmpty()).as("Amsterdam 2020 waits for Weesp").isTrue();

        rivm.pipeInput(rivm2020("GM0457").getRecordId(), rivm2020("GM0457"));
        List<KeyValue<MunicipalitySphereKey, Observation>> out = driver.observations.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.value.getMunicipalityCode()).containsOnly("GM0363");
        // 2020 18+: 8 measures with a value (2020 has no walking/cycling measures; those are not in the catalog anyway)
        assertThat(out).hasSize(8);
        KeyValue<MunicipalitySphereKey, Observation> lonely = only(out, o -> o.getIndicatorId().equals("rivm.seriously_lonely"));
        assertThat(lonely.key).isEqualTo(new MunicipalitySphereKey("GM0363", Sphere.PERSONAL));
        // Amsterdam 14.8 (882,633 inhabitants on 1-1-2022), Weesp 10.7 (20,766)
        assertThat(lonely.value.getValue()).isCloseTo((14.8 * 882_633 + 10.7 * 20_766) / 903_399, within(1e-12));
        assertThat(lonely.value.getHarmonised()).isTrue();
        assertThat(lonely.value.getPeriod()).isEqualTo("2020");
        assertThat(lonely.value.getHarmonisedFrom()).extracting(p -> p.getAreaCode()).containsExactly("GM0363", "GM0457");
        assertThat(driver.metrics.harmonisation("part")).isEqualTo(16.0);
        assertThat(driver.metrics.harmonisation("emitted")).isEqualTo(8.0);

        // a replay of Weesp re-emits the same identities with the same values
        rivm.pipeInput(rivm2020("GM0457").getRecordId(), rivm2020("GM0457"));
        List<Observation> again = driver.observations.readValuesToList();
        assertThat(again).extracting(Observation::getObservationId)
                .containsExactlyInAnyOrderElementsOf(out.stream().map(kv -> kv.value.getObservationId()).toList());
        assertThat(again).extracting(Observation::getValue)
                .containsExactlyInAnyOrderElementsOf(out.stream().map(kv -> kv.value.getValue()).toList());
        assertThat(driver.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void voorneAanZeeNeedsAllThreeOfItsPredecessorsAndUntouchedMunicipalitiesPassStraightThrough() {
        rivm.pipeInput("b", rivm2020("GM0501"));
        rivm.pipeInput("h", rivm2020("GM0530"));
        rivm.pipeInput("k", rivm2020("GM0166"));
        List<Observation> sofar = driver.observations.readValuesToList();
        assertThat(sofar).extracting(Observation::getMunicipalityCode).containsOnly("GM0166");
        assertThat(sofar).allSatisfy(o -> assertThat(o.getHarmonised()).isFalse());

        rivm.pipeInput("w", rivm2020("GM0614"));
        Observation voorne = driver.observations.readValuesToList().stream()
                .filter(o -> o.getIndicatorId().equals("rivm.volunteers")).findFirst().orElseThrow();
        double brielle = Double.parseDouble(rivm2020("GM0501").getFields().get("Vrijwilligerswerk_33"));
        double hellevoetsluis = Double.parseDouble(rivm2020("GM0530").getFields().get("Vrijwilligerswerk_33"));
        double westvoorne = Double.parseDouble(rivm2020("GM0614").getFields().get("Vrijwilligerswerk_33"));
        assertThat(voorne.getMunicipalityCode()).isEqualTo("GM1992");
        assertThat(voorne.getValue()).isCloseTo(
                (brielle * 17_704 + hellevoetsluis * 40_574 + westvoorne * 14_960) / (17_704 + 40_574 + 14_960), within(1e-12));
    }

    @Test
    void additiveInhabitantsOf2022AreSummedSoTheNationalTotalIsUnchanged() {
        List<RawRecord> records = NationalData.gebieden2022();
        assertThat(records).hasSize(345);
        double unharmonised = 0;
        for (RawRecord r : records) {
            unharmonised += Double.parseDouble(r.getFields().get("Inwonertal_54"));
            gebieden.pipeInput(r.getRecordId(), r);
        }
        List<Observation> inhabitants = driver.observations.readValuesToList().stream()
                .filter(o -> o.getIndicatorId().equals("population.inhabitants")).toList();
        assertThat(unharmonised).isEqualTo(17_590_672.0);
        assertThat(inhabitants).hasSize(342);
        assertThat(inhabitants.stream().mapToDouble(Observation::getValue).sum()).isEqualTo(unharmonised);
        Observation amsterdam = inhabitants.stream().filter(o -> o.getMunicipalityCode().equals("GM0363")).findFirst().orElseThrow();
        assertThat(amsterdam.getValue()).isEqualTo(882_633.0 + 20_766.0);
        assertThat(amsterdam.getHarmonised()).isTrue();
        assertThat(inhabitants).filteredOn(Observation::getHarmonised).extracting(Observation::getMunicipalityCode)
                .containsExactlyInAnyOrder("GM0363", "GM1992");
    }

    private static KeyValue<MunicipalitySphereKey, Observation> only(List<KeyValue<MunicipalitySphereKey, Observation>> out,
                                                                    Predicate<Observation> p) {
        List<KeyValue<MunicipalitySphereKey, Observation>> m = out.stream().filter(kv -> p.test(kv.value)).toList();
        assertThat(m).hasSize(1);
        return m.get(0);
    }
}
