package nl.sobamo.normalize.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import nl.sobamo.normalize.fixtures.RawRecords;
import nl.sobamo.schemas.DeadLetter;
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

class NormalizeTopologyTest {

    private NormalizeDriver driver;
    private TestInputTopic<String, RawRecord> kwb;
    private TestInputTopic<String, RawRecord> iv3;
    private TestInputTopic<String, byte[]> iv3Bytes;

    @BeforeEach
    void setUp() {
        driver = new NormalizeDriver("normalize");
        kwb = driver.raw(Topics.RAW_CBS_KWB);
        iv3 = driver.raw(Topics.RAW_IV3);
        iv3Bytes = driver.rawBytes(Topics.RAW_IV3);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void realRowsBecomeObservationsKeyedByMunicipalityAndSphere() {
        kwb.pipeInput(RawRecords.kwbKampen().getRecordId(), RawRecords.kwbKampen());
        RawRecord kampen = RawRecords.iv3Fixture().get("Kampen");
        iv3.pipeInput(kampen.getRecordId(), kampen);

        List<KeyValue<MunicipalitySphereKey, Observation>> out = driver.observations.readKeyValuesToList();
        // KWB: inhabitants + dwellings; Iv3: inhabitants, total, 6.1, 6.2, 5.1, 5.2 and the context taakvelden
        // 6.6, 6.71, 6.72-6.74, 6.81, 6.82 and iv3.salarissen.6.1
        assertThat(out).hasSize(14);
        KeyValue<MunicipalitySphereKey, Observation> lasten61 = out.stream()
                .filter(kv -> kv.value.getIndicatorId().equals("iv3.lasten.6.1")).findFirst().orElseThrow();
        assertThat(lasten61.key).isEqualTo(new MunicipalitySphereKey("GM0166", Sphere.INSTITUTIONAL));
        assertThat(lasten61.value.getValue()).isEqualTo(15_933_000.0);
        assertThat(out).filteredOn(kv -> kv.value.getSphere() == Sphere.CONTEXT)
                .allSatisfy(kv -> assertThat(kv.key).isEqualTo(new MunicipalitySphereKey("GM0166", Sphere.CONTEXT)));
        assertThat(driver.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void rivmWithMarginsLeefbaarometerAndPushFlowToTheirSpheres() {
        TestInputTopic<String, RawRecord> rivm = driver.raw(Topics.RAW_RIVM);
        TestInputTopic<String, RawRecord> lbm = driver.raw(Topics.RAW_LEEFBAAROMETER);
        TestInputTopic<String, RawRecord> push = driver.raw(Topics.RAW_PUSH);
        // 50120NED shape with (synthetic) margins per docs/raw-records.md; the estimate is Kampen's real 2020 18+ value in 50090NED
        rivm.pipeInput("r", raw("rivm", "50120NED", "2022", "GM0166", Map.of("Leeftijd", "20300",
                "Mantelzorger_31", "13.9", "Mantelzorger_31@lower", "11.6", "Mantelzorger_31@upper", "16.4")));
        // real: Leefbaarometer 3.0, WK036201 Randwijck (Amstelveen) 2022
        lbm.pipeInput("l", raw("leefbaarometer", "leefbaarometer-3.0", "2022", "WK036201", Map.of(
                "lbm", "4.328186939975703", "soc", "-0.0037912123140788")));
        push.pipeInput("p", raw("push", "experience", "2024", "WK016600", Map.of("respondents", "50",
                "satisfied.positive", "41", "helped.positive", "38")));

        List<KeyValue<MunicipalitySphereKey, Observation>> out = driver.observations.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key.getMunicipalityCode() + "/" + kv.key.getSphere() + " " + kv.value.getIndicatorId())
                .containsExactly("GM0166/PERSONAL rivm.informal_carers", "GM0362/COMMUNAL lbm.score",
                        "GM0362/COMMUNAL lbm.social_cohesion", "GM0166/INSTITUTIONAL push.experience.satisfied",
                        "GM0166/INSTITUTIONAL push.experience.helped");
        Observation carers = out.get(0).value;
        assertThat(carers.getValue()).isEqualTo(13.9);
        assertThat(carers.getLowerBound()).isEqualTo(11.6);
        assertThat(carers.getUpperBound()).isEqualTo(16.4);
        assertThat(carers.getPeriod()).isEqualTo("2022");
        assertThat(carers.getHarmonised()).isFalse(); // 50120NED is on 2022 boundaries; Kampen did not change
        assertThat(out.get(1).value.getAreaCode()).isEqualTo("WK036201");
        assertThat(out.get(3).value.getValue()).isEqualTo(82.0);
        assertThat(out.get(3).value.getSourceValue()).isEqualTo("41/50");
        assertThat(out.get(4).value.getValue()).isEqualTo(76.0);
        assertThat(driver.deadLetters.isEmpty()).isTrue();
    }

    private static RawRecord raw(String source, String dataset, String period, String area, Map<String, String> fields) {
        return RawRecord.newBuilder().setRecordId(source + "/" + dataset + "/" + period + "/" + area).setSource(source)
                .setDataset(dataset).setPeriod(period).setAreaCode(area).setFields(new java.util.HashMap<>(fields))
                .setFetchedAt(RawRecords.FETCHED_AT).setUri("test").build();
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicAndTheRestFlows() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        iv3Bytes.pipeInput("garbage", garbage);
        RawRecord unknownArea = RawRecords.kwb("GM9999", Map.of("AantalInwoners_5", "10"));
        kwb.pipeInput(unknownArea.getRecordId(), unknownArea);
        RawRecord nonNumeric = RawRecords.iv3("Kampen", Map.of("gemeente", "Kampen", "inwonertal", "55614", "lasten:6.1", "veel"));
        iv3.pipeInput(nonNumeric.getRecordId(), nonNumeric);
        kwb.pipeInput(RawRecords.kwbKampen().getRecordId(), RawRecords.kwbKampen());

        List<KeyValue<byte[], DeadLetter>> dead = driver.deadLetters.readKeyValuesToList();
        assertThat(dead).extracting(kv -> kv.value.getReasonCode())
                .containsExactly("SCHEMA_ERROR", "UNKNOWN_AREA", "UNPARSEABLE_VALUE");
        DeadLetter schemaError = dead.get(0).value;
        assertThat(schemaError.getOriginalValue()).isEqualTo(ByteBuffer.wrap(garbage));
        assertThat(new String(dead.get(0).key, StandardCharsets.UTF_8)).isEqualTo("garbage");
        assertThat(schemaError.getSourceTopic()).isEqualTo(Topics.RAW_IV3);
        assertThat(schemaError.getStage()).isEqualTo("normalize");
        assertThat(dead.get(1).value.getSourceRecordId()).isEqualTo("cbs-kwb/85984NED/2024/GM9999");
        assertThat(dead.get(2).value.getField()).isEqualTo("lasten:6.1");
        assertThat(dead.get(2).value.getMessage()).contains("veel");

        assertThat(driver.observations.readValuesToList()).extracting(Observation::getMunicipalityCode).containsOnly("GM0166").hasSize(2);
    }

    @Test
    void everyRawRecordIsReconciled() {
        for (RawRecord raw : RawRecords.all()) {
            (raw.getSource().equals("iv3") ? iv3 : kwb).pipeInput(raw.getRecordId(), raw);
        }
        RawRecord onlyMissing = RawRecords.kwb("GM0363", Map.of("AantalInwoners_5", "."));
        kwb.pipeInput(onlyMissing.getRecordId(), onlyMissing);
        iv3Bytes.pipeInput("x", new byte[] {1, 2, 3});

        double in = 0;
        double out = 0;
        for (String source : List.of("cbs-kwb", "iv3", "unknown")) {
            in += driver.metrics.recordsIn(source);
            out += driver.metrics.records(source, "observed") + driver.metrics.records(source, "dead_lettered") + driver.metrics.records(source, "skipped");
        }
        assertThat(in).isEqualTo(RawRecords.all().size() + 2);
        assertThat(out).isEqualTo(in);
        assertThat(driver.metrics.records("cbs-kwb", "skipped")).isEqualTo(1.0);
        assertThat(driver.metrics.records("unknown", "dead_lettered")).isEqualTo(1.0);
    }
}
