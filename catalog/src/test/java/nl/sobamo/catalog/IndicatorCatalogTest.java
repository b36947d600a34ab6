package nl.sobamo.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IndicatorCatalogTest {

    @Test
    void bundledCatalogLoadsAndMapsBothSkeletonSources() {
        IndicatorCatalog catalog = IndicatorCatalog.loadDefault();
        assertThat(catalog.version()).isNotBlank();
        assertThat(catalog.mappingsFor("iv3")).extracting(b -> b.indicator().id())
                .contains("iv3.lasten.6.1", "iv3.lasten.total", "population.inhabitants");
        assertThat(catalog.mappingsFor("cbs-kwb")).extracting(b -> b.indicator().id())
                .contains("population.inhabitants");
        assertThat(catalog.mappingsFor("nowhere")).isEmpty();
    }

    @Test
    void invalidCatalogNamesEveryProblem() {
        String json = """
                {"version": "t", "indicators": [
                  {"id": "a.b", "name": {"nl": "x", "en": "x"}, "sphere": "PERSONAL", "ingredient": "EFFECT",
                   "kind": "SUBJECTIVE", "unit": "FURLONG", "direction": "NEUTRAL",
                   "sources": [{"source": "rivm", "field": "f", "fieldPrefix": "g"}]},
                  {"id": "a.b", "name": {"nl": "x"}, "sphere": "PERSONAL", "ingredient": "EFFECT",
                   "kind": "SUBJECTIVE", "unit": "PERCENT", "direction": "UP", "sources": []}
                ]}""";
        assertThatThrownBy(() -> IndicatorCatalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("unit must be one of")
                .hasMessageContaining("exactly one of field, fieldPrefix or fieldPrefixes")
                .hasMessageContaining("denominator must be one of")
                .hasMessageContaining("declared twice")
                .hasMessageContaining("name needs both nl and en")
                .hasMessageContaining("direction must be one of")
                .hasMessageContaining("declares no source mapping");
    }

    @Test
    void unknownPropertyIsRejected() {
        String json = "{\"version\": \"t\", \"indicators\": [], \"extra\": 1}";
        assertThatThrownBy(() -> IndicatorCatalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test"))
                .isInstanceOf(CatalogException.class).hasMessageContaining("extra");
    }
}
