package nl.sobamo.ingest.pull.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import nl.sobamo.fixtures.FixtureServer;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.ingest.pull.SourceDefinition;
import nl.sobamo.ingest.pull.TestPulls;
import nl.sobamo.ingest.pull.source.OpenDataSources;
import nl.sobamo.schemas.RawRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every response of {@code corpus/odata/} (see its {@code index.tsv}) served as the data page of a real source and
 * run through that source's real protocol and mapper: OData v3 cases as CBS Gebieden 85067NED (recorded metadata),
 * CSV cases as the Leefbaarometer download. Nothing may throw, every rejection carries a reason and a message, and
 * the records that pass keep the source's values.
 */
class AdversarialCorpusTest {

    private static final String DIR = "corpus/odata/";
    private static final String V3_PAGE = "opendata.cbs.nl/ODataApi/odata/85067NED/TypedDataSet";
    private static final String CSV_DOC = "www.leefbaarometer.nl/resources/leefbaarometer-scores-wijken-2002-2022.csv";

    private static FixtureServer server;

    record Case(String file, String kind, int records, int deadLetters, String reasons, String skipped,
                String check) {
        @Override
        public String toString() {
            return file;
        }
    }

    @BeforeAll
    static void start() {
        server = FixtureServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void reset() {
        server.clearOverrides();
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : new String(bytes(DIR + "index.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            out.add(new Case(c[0], c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]), c[4], c[5], c[6]));
        }
        return out.stream();
    }

    @Test
    void theCorpusHasAtLeastThirtyCasesEachWithItsFile() throws IOException {
        List<Case> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        for (Case c : all) {
            assertThat(AdversarialCorpusTest.class.getClassLoader().getResource(DIR + c.file())).as(c.file()).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachResponseIsPublishedUnalteredOrRejectedWithAReason(Case c) throws IOException {
        OpenDataConfig config = OpenDataConfig.from(Map.of(OpenDataConfig.FIXTURES_URL, server.baseUrl()));
        boolean csv = c.kind().equals("csv");
        server.put(csv ? CSV_DOC : V3_PAGE, bytes(DIR + c.file()));
        SourceDefinition source = OpenDataSources.all(config).stream()
                .filter(d -> d.source().equals(csv ? "leefbaarometer" : "cbs-gebieden")).findFirst().orElseThrow();

        TestPulls.Result result = TestPulls.run(source, csv ? OpenDataConfig.LeefbaarometerDataset.NAME : "85067NED",
                server.baseUrl());

        assertThat(result.failure()).as("the pull must not fail on a bad page").isNull();
        assertThat(result.records()).as("records").hasSize(c.records());
        assertThat(result.deadLetters()).as("dead letters").hasSize(c.deadLetters())
                .allSatisfy(d -> {
                    assertThat(d.reason()).isNotBlank();
                    assertThat(d.message()).isNotBlank();
                });
        if (!c.reasons().isEmpty()) {
            assertThat(result.deadLetters()).extracting(TestPulls.Dead::reason).containsOnly(c.reasons().split(","));
        }
        Map<String, String> skipped = new LinkedHashMap<>();
        result.skipped().forEach((k, v) -> skipped.put(k, String.valueOf(v)));
        assertThat(skipped).as("skipped, by reason").isEqualTo(parse(c.skipped()));
        for (Map.Entry<String, String> e : parse(c.check()).entrySet()) {
            String expected = e.getValue().isEmpty() ? null : e.getValue();
            assertThat(result.records()).extracting(r -> r.getFields().get(e.getKey())).as(e.getKey())
                    .containsOnly(expected);
        }
        assertThat(result.records()).extracting(RawRecord::getAreaCode).allSatisfy(a -> assertThat(a).isEqualTo(a.strip()));
    }

    private static Map<String, String> parse(String pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        if (!pairs.isBlank()) {
            for (String p : pairs.split(";")) {
                String[] kv = p.split("=", 2);
                m.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return m;
    }

    private static byte[] bytes(String path) throws IOException {
        try (InputStream in = AdversarialCorpusTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("no " + path);
            }
            return in.readAllBytes();
        }
    }
}
