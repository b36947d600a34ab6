package nl.sobamo.ingest.bundle;

import static nl.sobamo.ingest.TestResources.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.sobamo.hash.ContentHash;
import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.TestResources;
import nl.sobamo.ingest.records.ParseResult;
import nl.sobamo.ingest.records.Reasons;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.RawRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KwbBundleParserTest {

    private static final String URI = IngestConfig.DEFAULT_KWB_RESOURCE;
    private static ParseResult bundle;
    private static Map<String, RawRecord> byCode;

    @BeforeAll
    static void parseBundle() {
        bundle = parser().parse(URI, bytes(TestResources.KWB), bytes(TestResources.KWB_TABLE_INFOS));
        byCode = bundle.records().stream().collect(Collectors.toMap(RawRecord::getAreaCode, Function.identity()));
    }

    private static KwbBundleParser parser() {
        return new KwbBundleParser(IngestConfig.DEFAULT_KWB_FETCHED_AT, TestResources.CLOCK);
    }

    @Test
    void oneRecordPerRegionKey() {
        assertThat(bundle.records()).hasSize(3_735);
        assertThat(byCode).hasSize(3_735);
        assertThat(byCode.keySet().stream().filter(c -> c.startsWith("GM"))).hasSize(342);
        assertThat(byCode.keySet().stream().filter(c -> c.startsWith("WK"))).hasSize(3_393);
        assertThat(bundle.deadLetters()).isEmpty();
        assertThat(bundle.skipped()).isEmpty();
        assertThat(bundle.source()).isEqualTo("cbs-kwb");
        assertThat(bundle.dataset()).isEqualTo("85984NED");
    }

    @Test
    void amsterdamAsTheSourceWroteIt() {
        RawRecord amsterdam = byCode.get("GM0363");
        assertThat(amsterdam.getRecordId()).isEqualTo("cbs-kwb/85984NED/2024/GM0363");
        assertThat(amsterdam.getSource()).isEqualTo("cbs-kwb");
        assertThat(amsterdam.getDataset()).isEqualTo("85984NED");
        assertThat(amsterdam.getPeriod()).isEqualTo("2024");
        assertThat(amsterdam.getFields()).containsEntry("AantalInwoners_5", "931298")
                .containsEntry("Mannen_6", "460766")
                .containsEntry("Vrouwen_7", "470532")
                .containsEntry("Woningvoorraad_35", "480852")
                .hasSize(8);
        // source order is kept: a map's order is part of the Avro bytes
        assertThat(List.copyOf(amsterdam.getFields().keySet())).containsExactly("Bevolkingsdichtheid_34",
                "OppervlakteTotaal_122", "Woningvoorraad_35", "OppervlakteLand_123", "Vrouwen_7", "AantalInwoners_5",
                "Mannen_6", "OppervlakteWater_124");
        assertThat(amsterdam.getFetchedAt()).isEqualTo(IngestConfig.DEFAULT_KWB_FETCHED_AT);
        assertThat(amsterdam.getUri()).isEqualTo(URI);
        assertThat(amsterdam.getLocation()).isEqualTo("$[\"GM0363\"]");
        assertThat(amsterdam.getContentHash()).isEqualTo(ContentHash.sha256Hex(bytes(TestResources.KWB)))
                .matches("[0-9a-f]{64}");
        assertThat(amsterdam.getLicence()).isEqualTo("CC BY 4.0 (CBS)");
    }

    @Test
    void sumOfInhabitantsOverMunicipalitiesMatchesProvenance() {
        long sum = bundle.records().stream()
                .filter(r -> r.getAreaCode().startsWith("GM"))
                .mapToLong(r -> Long.parseLong(r.getFields().get("AantalInwoners_5")))
                .sum();
        assertThat(sum).isEqualTo(17_942_942L);
    }

    @Test
    void jsonNullStaysNull() {
        long nullDensity = bundle.records().stream()
                .filter(r -> r.getFields().containsKey("Bevolkingsdichtheid_34"))
                .filter(r -> r.getFields().get("Bevolkingsdichtheid_34") == null)
                .count();
        assertThat(nullDensity).isEqualTo(37);
        assertThat(bundle.records().stream().flatMap(r -> r.getFields().values().stream())
                .filter(v -> v != null && v.contains("."))).isEmpty();
    }

    @Test
    void reparsingTheSameBytesGivesByteIdenticalRecords() throws Exception {
        ParseResult again = parser().parse(URI, bytes(TestResources.KWB), bytes(TestResources.KWB_TABLE_INFOS));
        assertThat(again.records()).hasSameSizeAs(bundle.records());
        for (int i = 0; i < again.records().size(); i++) {
            assertThat(again.records().get(i).toByteBuffer()).isEqualTo(bundle.records().get(i).toByteBuffer());
        }
    }

    @Test
    void malformedEntriesBecomeDeadLettersAndTheRestIsRead() {
        ParseResult result = parser().parse("classpath:kwb/malformed.json", bytes(TestResources.KWB_MALFORMED),
                bytes(TestResources.KWB_TEST_TABLE_INFOS));

        assertThat(result.dataset()).isEqualTo("99999TST");
        assertThat(result.records()).extracting(RawRecord::getRecordId)
                .containsExactly("cbs-kwb/99999TST/2099/GM0001", "cbs-kwb/99999TST/2099/GM0003");
        RawRecord first = result.records().get(0);
        assertThat(first.getFields()).containsEntry("AantalInwoners_5", "100")
                .containsEntry("Bevolkingsdichtheid_34", null)
                .containsEntry("Score", "7.50")
                .containsEntry("Groot", "1000")
                .containsEntry("Heel", "5");
        RawRecord padded = result.records().get(1);
        assertThat(padded.getAreaCode()).isEqualTo("GM0003");
        assertThat(padded.getLocation()).isEqualTo("$[\"  GM0003  \"]");
        assertThat(padded.getFields()).containsEntry("AantalInwoners_5", "12").containsEntry("Open", "true");

        assertThat(result.skipped()).containsExactly(Map.entry(Reasons.AGGREGATE_ROW, 1));

        assertThat(result.deadLetters()).extracting(DeadLetter::getMessage).containsExactly(
                "$[\"WK000100\"]: value is an array, expected an object of measures",
                "$[\"GM0002\"]: measure Genest is an object, expected a number, string or null",
                "$[\"GM0001\"]: duplicate region code GM0001",
                "$[\"GM0004\"]: duplicate measure A");
        DeadLetter nested = result.deadLetters().get(1);
        assertThat(nested.getStage()).isEqualTo("ingest");
        assertThat(nested.getReasonCode()).isEqualTo(Reasons.MALFORMED_ROW);
        assertThat(nested.getSourceRecordId()).isEqualTo("cbs-kwb/99999TST/2099/GM0002");
        assertThat(nested.getField()).isEqualTo("Genest");
        assertThat(nested.getFailedAt()).isEqualTo(TestResources.FAILED_AT);
        assertThat(nested.getHeaders()).containsEntry("uri", "classpath:kwb/malformed.json")
                .containsEntry("location", "$[\"GM0002\"]")
                .containsEntry("contentHash", ContentHash.sha256Hex(bytes(TestResources.KWB_MALFORMED)));
        // the original bytes of exactly that entry, ready to be replayed after a fix
        assertThat(StandardCharsets.UTF_8.decode(nested.getOriginalValue()).toString())
                .isEqualTo("\"GM0002\": {\"AantalInwoners_5\": 5, \"Genest\": {\"a\": 1}}");
    }

    @Test
    void aDocumentThatIsNoRegionObjectFailsAsAWhole() {
        assertThatThrownBy(() -> parser().parse("x", "[1, 2]".getBytes(StandardCharsets.UTF_8),
                bytes(TestResources.KWB_TABLE_INFOS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a JSON object of regions");
        assertThatThrownBy(() -> parser().parse("x", "{}".getBytes(StandardCharsets.UTF_8),
                "[{\"Title\": \"no id\"}]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Identifier and Period");
    }
}
