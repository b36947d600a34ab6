package nl.sobamo.normalize.catalog;

import nl.sobamo.reference.MunicipalityDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.catalog.IndicatorDefinition;
import nl.sobamo.normalize.fixtures.RawRecords;
import nl.sobamo.normalize.mapping.NormalizeResult;
import nl.sobamo.normalize.mapping.RecordNormalizer;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalog indicator, for every source it maps, against a fixture row ({@code catalog/indicator-fixtures.json},
 * real rows where the source exists, synthetic for municipal push). Adding an indicator is a catalog entry plus an
 * expectation in that file: {@link #everyIndicatorAndSourceHasAFixture} fails until the expectation is there.
 */
class CatalogFixtureTest {

    private static final IndicatorCatalog CATALOG = IndicatorCatalog.loadDefault();
    private static final JsonNode FIXTURES = readFixtures();
    private static final RecordNormalizer NORMALIZER = new RecordNormalizer(CATALOG, MunicipalityDirectory.loadDefault(),
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    static Stream<Arguments> expectations() {
        List<Arguments> args = new ArrayList<>();
        for (JsonNode e : FIXTURES.get("expectations")) {
            args.add(Arguments.of(e.get("indicator").asText(), e.get("record").asText(), e.get("value").asDouble(),
                    e.has("lower") ? e.get("lower").asDouble() : null, e.has("upper") ? e.get("upper").asDouble() : null));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} from {1} = {2}")
    @MethodSource("expectations")
    void indicatorReadsItsFixtureRow(String indicatorId, String recordName, double value, Double lower, Double upper) {
        RawRecord raw = record(recordName);
        NormalizeResult result = NORMALIZER.normalize(raw);
        assertThat(result).as("%s: %s", recordName, result).isInstanceOf(NormalizeResult.Observations.class);
        List<Observation> matching = ((NormalizeResult.Observations) result).observations().stream()
                .filter(o -> o.getIndicatorId().equals(indicatorId)).toList();
        assertThat(matching).as("observations of %s from %s", indicatorId, recordName).hasSize(1);
        Observation o = matching.get(0);
        IndicatorDefinition definition = CATALOG.indicator(indicatorId).orElseThrow();
        assertThat(o.getValue()).isCloseTo(value, within(1e-9));
        assertThat(o.getLowerBound()).isEqualTo(lower);
        assertThat(o.getUpperBound()).isEqualTo(upper);
        assertThat(o.getSphere()).isEqualTo(definition.sphere());
        assertThat(o.getIngredient()).isEqualTo(definition.ingredient());
        assertThat(o.getKind()).isEqualTo(definition.kind());
        assertThat(o.getUnit()).isEqualTo(definition.unit());
        assertThat(o.getDenominator()).isEqualTo(definition.denominator());
        assertThat(o.getDirection()).isEqualTo(definition.direction());
        assertThat(o.getCatalogVersion()).isEqualTo(CATALOG.version());
        assertThat(o.getSource().getSourceRecordId()).isEqualTo(raw.getRecordId());
        assertThat(o.getSource().getDataset()).isEqualTo(raw.getDataset());
        assertThat(o.getSource().getFetchedAt()).isEqualTo(raw.getFetchedAt());
        assertThat(o.getObservationId()).hasSize(32).isEqualTo(o.getSource().getObservationId());
        assertThat(o.getHarmonised()).isFalse();
    }

    @Test
    void everyIndicatorAndSourceHasAFixture() {
        Set<String> covered = new TreeSet<>();
        for (JsonNode e : FIXTURES.get("expectations")) {
            covered.add(e.get("indicator").asText() + " <- " + record(e.get("record").asText()).getSource());
        }
        Set<String> required = new TreeSet<>();
        for (IndicatorDefinition i : CATALOG.indicators()) {
            i.sources().forEach(s -> required.add(i.id() + " <- " + s.source()));
        }
        assertThat(covered).containsAll(required);
        assertThat(required).hasSizeGreaterThanOrEqualTo(58);
    }

    private static RawRecord record(String name) {
        JsonNode r = FIXTURES.get("records").get(name);
        assertThat(r).as("fixture record %s", name).isNotNull();
        if (r.has("builtin")) {
            String[] b = r.get("builtin").asText().split(":", 2);
            assertThat(b[0]).isEqualTo("iv3");
            return RawRecords.iv3Fixture().get(b[1]);
        }
        Map<String, String> fields = new HashMap<>();
        r.get("fields").fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
        String source = r.get("source").asText();
        String dataset = r.get("dataset").asText();
        String period = r.get("period").asText();
        String area = r.get("areaCode").asText();
        return RawRecord.newBuilder()
                .setRecordId(source + "/" + dataset + "/" + period + "/" + area + "/" + name)
                .setSource(source).setDataset(dataset).setPeriod(period).setAreaCode(area)
                .setFields(fields).setFetchedAt(RawRecords.FETCHED_AT).setUri("test:catalog/indicator-fixtures.json#" + name)
                .build();
    }

    private static JsonNode readFixtures() {
        try (InputStream in = CatalogFixtureTest.class.getClassLoader().getResourceAsStream("catalog/indicator-fixtures.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
