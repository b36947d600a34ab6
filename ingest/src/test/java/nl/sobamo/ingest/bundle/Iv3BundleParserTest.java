package nl.sobamo.ingest.bundle;

import static nl.sobamo.ingest.TestResources.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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

class Iv3BundleParserTest {

    private static final String URI = IngestConfig.DEFAULT_IV3_RESOURCE;
    private static ParseResult bundle;
    private static Map<String, RawRecord> byName;

    @BeforeAll
    static void parseBundle() {
        bundle = parser().parse(URI, bytes(TestResources.IV3));
        byName = bundle.records().stream()
                .collect(Collectors.toMap(r -> r.getFields().get("gemeente"), Function.identity()));
    }

    private static Iv3BundleParser parser() {
        return new Iv3BundleParser("iv3-jaarrekening-2023", "2023", IngestConfig.DEFAULT_IV3_FETCHED_AT,
                TestResources.CLOCK);
    }

    @Test
    void oneRecordPerMunicipalityAndTheAggregateIsSkipped() {
        assertThat(bundle.records()).hasSize(342);
        assertThat(byName).hasSize(342).doesNotContainKey("Nederland");
        assertThat(bundle.skipped()).containsExactly(Map.entry(Reasons.AGGREGATE_ROW, 1));
        assertThat(bundle.deadLetters()).isEmpty();
        assertThat(bundle.source()).isEqualTo("iv3");
        assertThat(bundle.dataset()).isEqualTo("iv3-jaarrekening-2023");
        // 7 municipality fields + 4 per taakveld, 71 taakvelden each
        assertThat(bundle.records()).allSatisfy(r -> assertThat(r.getFields()).hasSize(7 + 4 * 71));
    }

    @Test
    void amsterdamTaakveld61IsTheValueInTheFile() {
        // line 1244: Amsterdam;6.1 Samenkracht en burgerparticipatie;49655.0;86430.0;264333.0;Noord-Holland;...;918117;;Zwak
        RawRecord amsterdam = byName.get("Amsterdam");
        assertThat(amsterdam.getRecordId()).isEqualTo("iv3/iv3-jaarrekening-2023/2023/Amsterdam");
        assertThat(amsterdam.getAreaCode()).isNull();
        assertThat(amsterdam.getPeriod()).isEqualTo("2023");
        assertThat(amsterdam.getFields())
                .containsEntry("lasten:6.1", "264333.0")
                .containsEntry("baten:6.1", "86430.0")
                .containsEntry("salarissen:6.1", "49655.0")
                .containsEntry("taakveld:6.1", "6.1 Samenkracht en burgerparticipatie")
                .containsEntry("gemeente", "Amsterdam")
                .containsEntry("inwonertal", "918117")
                .containsEntry("provincie", "Noord-Holland")
                .containsEntry("gemeentegrootte", "250000inwonersofmeer")
                .containsEntry("stedelijkheid", "Zeersterkstedelijk")
                .containsEntry("centrumfunctie", null)
                .containsEntry("sociale-structuur", "Zwak");
        assertThat(amsterdam.getFetchedAt()).isEqualTo(IngestConfig.DEFAULT_IV3_FETCHED_AT);
        assertThat(amsterdam.getContentHash()).isEqualTo(ContentHash.sha256Hex(bytes(TestResources.IV3)));
        assertThat(amsterdam.getUri()).isEqualTo(URI);
    }

    @Test
    void locationIsTheLineRangeAndNamesKeepTheirSpelling() {
        RawRecord denHaag = byName.get("'s-Gravenhage");
        assertThat(denHaag.getRecordId()).isEqualTo("iv3/iv3-jaarrekening-2023/2023/'s-Gravenhage");
        assertThat(denHaag.getLocation()).isEqualTo("lines 2-72");
        // truncated names stay truncated; the trailing space of 6.82a is trimmed
        assertThat(denHaag.getFields())
                .containsEntry("taakveld:0.11", "0.11 Resultaat van de rekening van bat..")
                .containsEntry("taakveld:6.82a", "6.82a Jeugdbescherming")
                .containsEntry("salarissen:0.10", null)
                .containsEntry("lasten:0.1", "23698.0");
    }

    @Test
    void vijfheerenlandenIsPublishedWithItsZeroesForNormalizeToJudge() {
        RawRecord v = byName.get("Vijfheerenlanden");
        assertThat(v).isNotNull();
        assertThat(v.getFields().entrySet().stream().filter(e -> e.getKey().startsWith("lasten:")))
                .hasSize(71)
                .allSatisfy(e -> assertThat(e.getValue()).isEqualTo("0.0"));
        assertThat(v.getFields()).containsEntry("inwonertal", "60052");
    }

    @Test
    void negativeAmountsStayAsWritten() {
        long negative = bundle.records().stream().flatMap(r -> r.getFields().entrySet().stream())
                .filter(e -> e.getKey().startsWith("lasten:") && e.getValue() != null && e.getValue().startsWith("-"))
                .count();
        // the file has 249 negative Lasten cells, none of them in the Nederland group
        assertThat(negative).isEqualTo(249);
    }

    @Test
    void reparsingTheSameBytesGivesByteIdenticalRecords() throws Exception {
        ParseResult again = parser().parse(URI, bytes(TestResources.IV3));
        for (int i = 0; i < again.records().size(); i++) {
            assertThat(again.records().get(i).toByteBuffer()).isEqualTo(bundle.records().get(i).toByteBuffer());
        }
    }

    @Test
    void malformedLinesBecomeDeadLettersAndTheOtherMunicipalitiesAreRead() {
        String uri = "classpath:" + TestResources.IV3_MALFORMED;
        ParseResult result = parser().parse(uri, bytes(TestResources.IV3_MALFORMED));

        assertThat(result.records()).extracting(RawRecord::getRecordId).containsExactly(
                "iv3/iv3-jaarrekening-2023/2023/Testdam",
                "iv3/iv3-jaarrekening-2023/2023/Proefwijk",
                "iv3/iv3-jaarrekening-2023/2023/Voorbeeldstad");
        RawRecord testdam = result.records().get(0);
        assertThat(testdam.getLocation()).isEqualTo("lines 2-3");
        assertThat(testdam.getFields()).containsEntry("lasten:6.1", "100.5")
                .containsEntry("taakveld:6.1", "6.1 Samenkracht en burgerparticipatie")
                .containsEntry("salarissen:6.1", null)
                .hasSize(7 + 4 * 2);
        RawRecord proefwijk = result.records().get(1);
        assertThat(proefwijk.getLocation()).isEqualTo("lines 5, 7");
        assertThat(proefwijk.getFields()).containsEntry("lasten:6.82a", "-3.5")
                .containsEntry("centrumfunctie", null)
                .containsEntry("inwonertal", "12000")
                .doesNotContainKey("lasten:6.1")
                .doesNotContainKey("lasten:7.1");
        assertThat(result.records().get(2).getLocation()).isEqualTo("line 10");

        assertThat(result.skipped()).containsExactly(Map.entry(Reasons.AGGREGATE_ROW, 1));

        assertThat(result.deadLetters()).extracting(DeadLetter::getMessage).containsExactly(
                "line 4: duplicate taakveld 6.1 for Testdam (first on line 3)",
                "line 6: expected 11 columns, found 4",
                "line 8: missing Gemeenten",
                "line 9: missing Taakveld for Voorbeeldstad",
                "line 13: Inwonertal differs from line 5 of Proefwijk");
        assertThat(result.deadLetters()).allSatisfy(d -> {
            assertThat(d.getStage()).isEqualTo("ingest");
            assertThat(d.getReasonCode()).isEqualTo(Reasons.MALFORMED_ROW);
            assertThat(d.getFailedAt()).isEqualTo(TestResources.FAILED_AT);
            assertThat(d.getHeaders()).containsEntry("uri", uri).containsEntry("source", "iv3");
        });
        DeadLetter shortLine = result.deadLetters().get(1);
        assertThat(StandardCharsets.UTF_8.decode(shortLine.getOriginalValue()).toString())
                .isEqualTo("Proefwijk;6.1 Samenkracht en burgerparticipatie;1.0;2.0");
        assertThat(shortLine.getHeaders()).containsEntry("location", "line 6");
        assertThat(shortLine.getSourceRecordId()).isNull();
        DeadLetter duplicate = result.deadLetters().get(0);
        assertThat(duplicate.getSourceRecordId()).isEqualTo("iv3/iv3-jaarrekening-2023/2023/Testdam");
        assertThat(duplicate.getField()).isEqualTo("Taakveld");
        assertThat(result.deadLetters().get(4).getField()).isEqualTo("Inwonertal");
    }

    @Test
    void aFileWithoutTheIv3HeaderFailsAsAWhole() {
        byte[] csv = "Gemeente;Taakveld\nAmsterdam;6.1 x\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser().parse("x.csv", csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'Gemeenten' missing");
    }
}
