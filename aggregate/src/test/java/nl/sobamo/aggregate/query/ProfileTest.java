package nl.sobamo.aggregate.query;

import static nl.sobamo.aggregate.fixtures.TestObservations.area;
import static nl.sobamo.aggregate.fixtures.TestObservations.inhabitants;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3Lasten61;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3LastenTotal;
import static nl.sobamo.aggregate.fixtures.TestObservations.observation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import nl.sobamo.aggregate.export.ExportTable;
import nl.sobamo.aggregate.export.TableCsv;
import nl.sobamo.aggregate.fixtures.TopologyHarness;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.catalog.IndicatorReferences;
import nl.sobamo.schemas.IndicatorReference;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Sphere;
import nl.sobamo.topics.Topics;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The profile: latest period per indicator with the year on the row, catalog names, only comparable values. */
class ProfileTest {

    private static final IndicatorCatalog CATALOG = IndicatorCatalog.loadDefault();
    private final TopologyHarness t = new TopologyHarness();
    private final QueryService service = new QueryService(new LocalTables(new StoreAccess() {
        @Override
        public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
            return t.driver.getKeyValueStore(name);
        }
    }), Routing.LOCAL_ONLY);

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void latestPeriodPerIndicatorWithCatalogNamesAndNoPushOnlyDefaultPeriod() {
        TestInputTopic<String, IndicatorReference> references = t.driver.createInputTopic(Topics.REFERENCE_INDICATORS,
                new StringSerializer(), t.serdes.indicatorReference().serializer());
        IndicatorReferences.of(CATALOG).forEach(r -> references.pipeInput(r.getIndicatorId(), r));
        for (int i = 1; i <= 3; i++) {
            String code = "GM000" + i;
            t.areas.pipeInput(code, area(code, "S", "U1", "PV20"));
            t.observe(iv3Lasten61(code, "2023", i * 1_000_000));
            t.observe(iv3LastenTotal(code, "2023", 100_000_000));
            t.observe(inhabitants(code, "2023", 10_000, "iv3"));
            t.observe(observation("rivm.seriously_lonely", code, "2020", 10 + i, "PERCENT", Sphere.PERSONAL, Ingredient.EFFECT,
                    "rivm", null));
        }
        // one pushed figure in 2025: shown at its year, but 2025 is no default period
        t.observe(observation("push.visits", "GM0001", "2025", 5_000, "COUNT", Sphere.INSTITUTIONAL, Ingredient.OUTPUT,
                "push", null));
        t.observe(inhabitants("GM0001", "2025", 10_000, "cbs-kwb"));
        t.tick();

        Map<String, Object> profile = service.profile("GM0001", null);
        assertThat(profile.get("period")).isEqualTo("2023");
        assertThat(profile.get("latest")).isEqualTo(true);
        assertThat((List<String>) profile.get("periods")).contains("2020", "2023", "2025");

        Map<String, Map<String, Object>> items = new java.util.HashMap<>();
        for (Map<String, Object> sphere : (List<Map<String, Object>>) profile.get("spheres")) {
            for (Map<String, Object> item : (List<Map<String, Object>>) sphere.get("indicators")) {
                items.put((String) item.get("indicatorId"), item);
            }
        }
        Map<String, Object> perInhabitant = items.get("iv3.lasten.6.1.per_inhabitant");
        assertThat(perInhabitant.get("period")).isEqualTo("2023");
        assertThat(perInhabitant.get("value")).isEqualTo(100.0);
        assertThat((Map<String, Object>) perInhabitant.get("name")).containsEntry("nl",
                CATALOG.derived().stream().filter(d -> d.id().equals("iv3.lasten.6.1.per_inhabitant")).findFirst()
                        .orElseThrow().name().get("nl"));
        assertThat(perInhabitant.get("definition")).isEqualTo(CATALOG.indicator("iv3.lasten.6.1").orElseThrow().definition());
        assertThat(perInhabitant.get("normalisation")).isEqualTo("PER_INHABITANT");
        Map<String, Object> national = ((List<Map<String, Object>>) perInhabitant.get("benchmarks")).get(0);
        assertThat(national.get("groupType")).isEqualTo("national");
        assertThat(national.get("n")).isEqualTo(3);
        assertThat(national.get("coverage")).isEqualTo(1.0);
        assertThat(national).containsKeys("p10", "p25", "median", "p75", "p90");

        assertThat(items.get("rivm.seriously_lonely").get("period")).isEqualTo("2020");
        assertThat(items.get("push.visits.per_1000_inhabitants").get("period")).isEqualTo("2025");
        // absolute amounts are no profile indicators
        assertThat(items).doesNotContainKeys("iv3.lasten.6.1", "iv3.lasten.total", "population.inhabitants", "push.visits");

        // a requested period shows that period only
        Map<String, Object> of2020 = service.profile("GM0001", "2020");
        assertThat(of2020.get("latest")).isEqualTo(false);
        List<Object> shown = ((List<Map<String, Object>>) of2020.get("spheres")).stream()
                .flatMap(s -> ((List<Map<String, Object>>) s.get("indicators")).stream()).map(i -> i.get("indicatorId")).toList();
        assertThat(shown).containsExactly("rivm.seriously_lonely");
    }

    @Test
    void exportedTablesNameEachIndicatorFromTheCatalogTopic() {
        TestInputTopic<String, IndicatorReference> references = t.driver.createInputTopic(Topics.REFERENCE_INDICATORS,
                new StringSerializer(), t.serdes.indicatorReference().serializer());
        IndicatorReferences.of(CATALOG).forEach(r -> references.pipeInput(r.getIndicatorId(), r));
        t.observe(iv3Lasten61("GM0001", "2023", 1_000_000));
        t.observe(inhabitants("GM0001", "2023", 10_000, "iv3"));
        t.tick();

        List<Map<String, Object>> rows = service.table("indicators", true);
        Map<String, Object> perInhabitant = rows.stream()
                .filter(r -> "iv3.lasten.6.1.per_inhabitant".equals(r.get("indicatorId"))).findFirst().orElseThrow();
        assertThat(perInhabitant.get("indicatorNameEn")).isEqualTo(
                "Expenses task field 6.1 community strength and civic participation per inhabitant");
        assertThat(TableCsv.write(ExportTable.INDICATORS, rows).lines().findFirst().orElseThrow())
                .contains("municipalityCode,municipalityName,").endsWith("indicatorNameNl,indicatorNameEn");
    }
}
