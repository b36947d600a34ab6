package nl.sobamo.normalize.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.normalize.area.MunicipalityDirectory;
import nl.sobamo.normalize.fixtures.NationalData;
import nl.sobamo.normalize.mapping.RecordNormalizer;
import nl.sobamo.normalize.stream.NormalizeTopology.NormalizeSerdes;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.schemas.Sphere;
import nl.sobamo.serde.AvroSerdes;
import nl.sobamo.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RIVM 50090NED (2020 boundaries) re-expressed on today's municipalities, on real fixture rows. */
class HarmonisationTopologyTest {

    private final String registryUrl = "mock://harmonise-" + UUID.randomUUID();
    private final NormalizeMetrics metrics = new NormalizeMetrics(new SimpleMeterRegistry());
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawRecord> rivm;
    private TestInputTopic<String, RawRecord> gebieden;
    private TestOutputTopic<MunicipalitySphereKey, Observation> observations;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;

    @BeforeEach
    void setUp() {
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", registryUrl);
        NormalizeSerdes serdes = new NormalizeSerdes(
                AvroSerdes.specific(RawRecord.class, serdeConfig, false),
                AvroSerdes.specific(MunicipalitySphereKey.class, serdeConfig, true),
                AvroSerdes.specific(Observation.class, serdeConfig, false),
                AvroSerdes.specific(DeadLetter.class, serdeConfig, false));
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        RecordNormalizer normalizer = new RecordNormalizer(IndicatorCatalog.loadDefault(), MunicipalityDirectory.loadDefault(), clock);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "harmonise-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(NormalizeTopology.buildTopology(normalizer, metrics, serdes, clock), props);
        rivm = driver.createInputTopic(Topics.RAW_RIVM, Serdes.String().serializer(), serdes.rawRecord().serializer());
        gebieden = driver.createInputTopic(Topics.RAW_CBS_GEBIEDEN, Serdes.String().serializer(), serdes.rawRecord().serializer());
        observations = driver.createOutputTopic(Topics.OBSERVATIONS, serdes.observationKey().deserializer(), serdes.observation().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DLQ_NORMALIZE, Serdes.ByteArray().deserializer(), serdes.deadLetter().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
        SchemaRegistryClients.dropScope(registryUrl.substring("mock://".length()));
    }

    private static RawRecord rivm2020(String code) {
        return NationalData.rivm50090().stream()
                .filter(r -> r.getAreaCode().equals(code) && r.getPeriod().equals("2020JJ00") && r.getFields().get("Leeftijd").equals("20300"))
                .findFirst().orElseThrow();
    }

    @Test
    void weespAndAmsterdam2020BecomeOneAmsterdamOnTodaysBoundaries() {
        rivm.pipeInput(rivm2020("GM0363").getRecordId(), rivm2020("GM0363"));
        assertThat(observations.isEmpty()).as("Amsterdam 2020 waits for Weesp").isTrue();

        rivm.pipeInput(rivm2020("GM0457").getRecordId(), rivm2020("GM0457"));
        List<KeyValue<MunicipalitySphereKey, Observation>> out = observations.readKeyValuesToList();
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
        assertThat(metrics.harmonisation("part")).isEqualTo(16.0);
        assertThat(metrics.harmonisation("emitted")).isEqualTo(8.0);

        // a replay of Weesp re-emits the same identities with the same values
        rivm.pipeInput(rivm2020("GM0457").getRecordId(), rivm2020("GM0457"));
        List<Observation> again = observations.readValuesToList();
        assertThat(again).extracting(Observation::getObservationId)
                .containsExactlyInAnyOrderElementsOf(out.stream().map(kv -> kv.value.getObservationId()).toList());
        assertThat(again).extracting(Observation::getValue)
                .containsExactlyInAnyOrderElementsOf(out.stream().map(kv -> kv.value.getValue()).toList());
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void voorneAanZeeNeedsAllThreeOfItsPredecessorsAndUntouchedMunicipalitiesPassStraightThrough() {
        rivm.pipeInput("b", rivm2020("GM0501"));
        rivm.pipeInput("h", rivm2020("GM0530"));
        rivm.pipeInput("k", rivm2020("GM0166"));
        List<Observation> sofar = observations.readValuesToList();
        assertThat(sofar).extracting(Observation::getMunicipalityCode).containsOnly("GM0166");
        assertThat(sofar).allSatisfy(o -> assertThat(o.getHarmonised()).isFalse());

        rivm.pipeInput("w", rivm2020("GM0614"));
        Observation voorne = observations.readValuesToList().stream()
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
        List<Observation> inhabitants = observations.readValuesToList().stream()
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
