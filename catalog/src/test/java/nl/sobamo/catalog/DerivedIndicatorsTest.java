package nl.sobamo.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalog is the single source of the derived (normalised) indicators, groups, priorities and breaks. */
class DerivedIndicatorsTest {

    private static final IndicatorCatalog CATALOG = IndicatorCatalog.loadDefault();
    private static final Map<String, DerivedDefinition> DERIVED = CATALOG.derived().stream()
            .collect(Collectors.toMap(DerivedDefinition::id, Function.identity()));

    @Test
    void everyAbsoluteIndicatorIsNormalisedOrIsADenominator() {
        List<String> denominators = java.util.Arrays.stream(Normalisation.values()).map(Normalisation::denominatorId).toList();
        for (IndicatorDefinition i : CATALOG.indicators()) {
            if (i.unitValue().additive() && !denominators.contains(i.id())) {
                assertThat(i.normalisationValues()).as(i.id()).isNotEmpty();
                i.normalisationValues().forEach(n -> assertThat(DERIVED).as(i.id()).containsKey(n.derivedId(i.id())));
            }
        }
    }

    @Test
    void everySocialDomainTaakveldHasAPerInhabitantAndAShareOfTotalLasten() {
        for (String tv : List.of("5.1", "5.2", "6.1", "6.2", "6.6", "6.71", "6.72_6.74", "6.81", "6.82")) {
            DerivedDefinition perInhabitant = DERIVED.get("iv3.lasten." + tv + ".per_inhabitant");
            assertThat(perInhabitant).as(tv).isNotNull();
            assertThat(perInhabitant.numeratorIds()).containsExactly("iv3.lasten." + tv);
            assertThat(perInhabitant.denominatorId()).isEqualTo("population.inhabitants");
            assertThat(perInhabitant.unit()).isEqualTo("EUR_PER_INHABITANT");
            assertThat(DERIVED.get("iv3.lasten." + tv + ".share_of_total").unit()).isEqualTo("PERCENT_OF_TOTAL_LASTEN");
        }
        assertThat(DERIVED).containsKey("iv3.salarissen.6.1.per_inhabitant");
    }

    @Test
    void countsArePer1000InhabitantsAndEveryDerivedUnitIsScaleFree() {
        DerivedDefinition wmo = DERIVED.get("care.wmo_clients.per_1000_inhabitants");
        assertThat(wmo.factor()).isEqualTo(1000.0);
        assertThat(wmo.unit()).isEqualTo("PER_1000_INHABITANTS");
        assertThat(DERIVED.get("care.wmo_clients.per_1000_aged_65_plus").denominatorId()).isEqualTo("population.aged_65_plus");
        assertThat(DERIVED.get("push.volunteer_hours_per_week.per_1000_inhabitants").unit()).isEqualTo("HOURS_PER_1000_INHABITANTS");
        CATALOG.derived().stream().filter(d -> d.denominatorId() != null)
                .forEach(d -> assertThat(Unit.scaleFree(d.unit())).as(d.id()).isTrue());
        assertThat(Unit.scaleFree("EUR")).isFalse();
        assertThat(Unit.scaleFree("COUNT")).isFalse();
        assertThat(Unit.scaleFree("PERCENT")).isTrue();
    }

    @Test
    void spendingGroupsNameTheirDefinitionAndTheTaakveldenTheySum() {
        SpendingGroup wmo = group("spending.wmo");
        assertThat(wmo.parts()).containsExactly("iv3.lasten.6.6", "iv3.lasten.6.71", "iv3.lasten.6.81");
        assertThat(wmo.definition()).contains("6.6", "6.71", "6.81");
        assertThat(group("spending.youth_care").parts()).containsExactly("iv3.lasten.6.72_6.74", "iv3.lasten.6.82");
        SpendingGroup narrow = group("spending.sociale_basis");
        assertThat(narrow.parts()).allMatch(p -> p.startsWith("push.budget.")).doesNotContain("iv3.lasten.6.1");
        assertThat(narrow.definition()).contains("Not Iv3 taakveld 6.1");

        DerivedDefinition sum = DERIVED.get("spending.wmo");
        assertThat(sum.denominatorId()).isNull();
        assertThat(Unit.scaleFree(sum.unit())).as("the absolute sum is context, never benchmarked").isFalse();
        assertThat(DERIVED.get("spending.wmo.per_inhabitant").numeratorIds()).isEqualTo(wmo.parts());
        assertThat(DERIVED.get("spending.sociale_basis.per_inhabitant").requireAll()).isFalse();
    }

    @Test
    void theIv3BookingRuleBreakCoversTaakveldenTheirDerivedRowsAndTheGroupsSummingThem() {
        DefinitionBreak iv3 = CATALOG.breaks().stream().filter(b -> b.code().equals("IV3_2023_BOOKING_RULES")).findFirst()
                .orElseThrow();
        assertThat(iv3.applies("iv3.lasten.6.71.per_inhabitant", "2022", "2023")).isTrue();
        assertThat(iv3.applies("spending.wmo.per_inhabitant", "2022", "2023")).isTrue();
        assertThat(iv3.applies("spending.youth_care", "2022", "2023")).isTrue();
        assertThat(iv3.applies("spending.sociale_basis.per_inhabitant", "2022", "2023")).isFalse();
        assertThat(iv3.applies("iv3.lasten.5.1.per_inhabitant", "2022", "2023")).isFalse();
        assertThat(iv3.applies("iv3.lasten.6.1", "2021", "2022")).isFalse();
    }

    @Test
    void sourcePriorityAndRecordSourcesComeFromTheCatalog() {
        assertThat(CATALOG.sourcePriority()).startsWith("cbs-kwb").contains("iv3", "rivm", "leefbaarometer", "push");
        assertThat(CATALOG.recordSources()).containsExactly("push");
    }

    @Test
    void anAbsoluteIndicatorWithoutNormalisationOrWithAWrongOneIsRejected() {
        String json = """
                {"version": "t", "indicators": [
                  {"id": "population.inhabitants", "name": {"nl": "x", "en": "x"}, "sphere": "CONTEXT", "ingredient": "CONTEXT",
                   "kind": "OBJECTIVE", "unit": "COUNT", "denominator": "NONE", "direction": "NEUTRAL",
                   "sources": [{"source": "cbs-kwb", "field": "i"}]},
                  {"id": "a.euros", "name": {"nl": "x", "en": "x"}, "sphere": "INSTITUTIONAL", "ingredient": "INPUT",
                   "kind": "OBJECTIVE", "unit": "EUR", "denominator": "INHABITANTS", "direction": "NEUTRAL",
                   "sources": [{"source": "iv3", "field": "e"}]},
                  {"id": "a.rate", "name": {"nl": "x", "en": "x"}, "sphere": "PERSONAL", "ingredient": "EFFECT",
                   "kind": "SUBJECTIVE", "unit": "PERCENT", "denominator": "NONE", "direction": "NEUTRAL",
                   "normalisations": ["PER_INHABITANT"], "sources": [{"source": "rivm", "field": "r"}]}
                ],
                "spendingGroups": [{"id": "g.x", "name": {"nl": "x", "en": "x"}, "definition": "d", "sphere": "CONTEXT",
                   "ingredient": "CONTEXT", "parts": ["a.rate", "nope"], "normalisations": ["PER_INHABITANT"]}],
                "sourcePriority": ["iv3"]}""";
        assertThatThrownBy(() -> IndicatorCatalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("'a.euros': unit EUR is absolute; declare normalisations")
                .hasMessageContaining("'a.euros': denominator INHABITANTS is declared, but no normalisation divides by")
                .hasMessageContaining("'a.rate': unit PERCENT is already comparable")
                .hasMessageContaining("part 'a.rate' is not in EUR")
                .hasMessageContaining("part 'nope' is not in the catalog")
                .hasMessageContaining("sourcePriority must rank every mapped source, misses [cbs-kwb, rivm]");
    }

    private static SpendingGroup group(String id) {
        return CATALOG.spendingGroups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
    }
}
