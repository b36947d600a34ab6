package nl.sobamo.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.sobamo.schemas.IndicatorReference;
import org.junit.jupiter.api.Test;

class IndicatorReferencesTest {

    private static final IndicatorCatalog CATALOG = IndicatorCatalog.loadDefault();
    private static final List<IndicatorReference> REFERENCES = IndicatorReferences.of(CATALOG);
    private static final Map<String, IndicatorReference> BY_ID = REFERENCES.stream()
            .collect(Collectors.toMap(IndicatorReference::getIndicatorId, Function.identity()));

    @Test
    void oneReferencePerObservedAndPerDerivedIndicator() {
        assertThat(REFERENCES).hasSize(CATALOG.indicators().size() + CATALOG.derived().size());
        assertThat(BY_ID).hasSize(REFERENCES.size());
        assertThat(REFERENCES).allSatisfy(r -> {
            assertThat(r.getNameNl()).isNotBlank();
            assertThat(r.getNameEn()).isNotBlank();
            assertThat(r.getCatalogVersion()).isEqualTo(CATALOG.version());
        });
    }

    @Test
    void aNormalisedIndicatorNamesItsNumeratorDenominatorAndNormalisation() {
        IndicatorReference r = BY_ID.get("iv3.lasten.6.1.per_inhabitant");
        assertThat(r.getNameEn()).isEqualTo("Expenses task field 6.1 community strength and civic participation per inhabitant");
        assertThat(r.getNormalisation()).isEqualTo("PER_INHABITANT");
        assertThat(r.getNumeratorIds()).containsExactly("iv3.lasten.6.1");
        assertThat(r.getDenominatorIndicatorId()).isEqualTo("population.inhabitants");
        assertThat(r.getUnit()).isEqualTo("EUR_PER_INHABITANT");
        assertThat(r.getBenchmarked()).isTrue();
        assertThat(r.getSources()).contains("iv3");

        IndicatorReference absolute = BY_ID.get("iv3.lasten.6.1");
        assertThat(absolute.getBenchmarked()).isFalse();
        assertThat(absolute.getDenominator()).isEqualTo("INHABITANTS");
        assertThat(BY_ID.get("rivm.seriously_lonely").getBenchmarked()).isTrue();
        assertThat(BY_ID.get("spending.wmo.per_inhabitant").getDefinition()).contains("6.6", "6.71", "6.81");
    }
}
