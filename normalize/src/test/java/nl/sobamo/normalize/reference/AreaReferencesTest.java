package nl.sobamo.normalize.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.sobamo.normalize.area.AreaHarmonizer;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.Successor;
import org.junit.jupiter.api.Test;

class AreaReferencesTest {

    private static final List<AreaReference> REFS = AreaReferences.bundled(AreaHarmonizer.loadDefault());
    private static final Map<String, AreaReference> BY_CODE = REFS.stream()
            .collect(Collectors.toMap(AreaReference::getCode, Function.identity()));

    @Test
    void today342MunicipalitiesWithPeerGroupCodesAndThe18DissolvedSince2021() {
        List<AreaReference> current = REFS.stream().filter(r -> r.getValidToYear() == null).toList();
        assertThat(REFS).hasSize(360);
        assertThat(current).hasSize(342);
        assertThat(current).extracting(AreaReference::getCode)
                .containsExactlyInAnyOrderElementsOf(MunicipalityDirectory.loadDefault().codes());
        // equals the sum of AantalInwoners_5 over GM in CBS 85984NED
        assertThat(current.stream().mapToLong(AreaReference::getInhabitants).sum()).isEqualTo(17_942_942L);
        assertThat(current).allSatisfy(r -> {
            assertThat(r.getSizeClass()).matches("[1-8]");
            assertThat(r.getUrbanity()).matches("[1-5]");
            assertThat(r.getProvince()).matches("PV(2\\d|3[01])");
            assertThat(sizeClassOf(r.getInhabitants())).as(r.getCode()).isEqualTo(r.getSizeClass());
        });
        assertThat(current.stream().collect(Collectors.groupingBy(AreaReference::getUrbanity, Collectors.counting())))
                .containsEntry("1", 23L).containsEntry("2", 72L).containsEntry("3", 77L).containsEntry("4", 121L).containsEntry("5", 49L);
    }

    @Test
    void knownMunicipalities() {
        AreaReference amsterdam = BY_CODE.get("GM0363");
        assertThat(amsterdam.getName()).isEqualTo("Amsterdam");
        assertThat(amsterdam.getInhabitants()).isEqualTo(931_298L);
        assertThat(amsterdam.getInhabitantsReferenceDate()).isEqualTo("2024-01-01");
        assertThat(amsterdam.getSizeClass()).isEqualTo("8");
        assertThat(amsterdam.getUrbanity()).isEqualTo("1");
        assertThat(amsterdam.getUrbanityLabel()).isEqualTo("Zeer sterk stedelijk");
        assertThat(amsterdam.getProvince()).isEqualTo("PV27");
        assertThat(amsterdam.getProvinceName()).isEqualTo("Noord-Holland");
        AreaReference kampen = BY_CODE.get("GM0166");
        assertThat(kampen.getInhabitants()).isEqualTo(56_177L);
        assertThat(kampen.getSizeClass()).isEqualTo("5");
        assertThat(kampen.getUrbanity()).isEqualTo("3");
        assertThat(BY_CODE.get("GM0080").getProvinceName()).isEqualTo("Fryslân");
        assertThat(BY_CODE.get("GM1992").getValidFromYear()).isEqualTo(2023);
        assertThat(BY_CODE.get("GM1979").getValidFromYear()).isEqualTo(2021);
        assertThat(BY_CODE.get("GM0855").getValidFromYear()).isNull(); // Tilburg existed before (it grew in 2021)
    }

    @Test
    void dissolvedMunicipalitiesNameTheirSuccessorsWithWeights() {
        AreaReference weesp = BY_CODE.get("GM0457");
        assertThat(weesp.getValidToYear()).isEqualTo(2022);
        assertThat(weesp.getInhabitants()).isEqualTo(20_766L);
        assertThat(weesp.getInhabitantsReferenceDate()).isEqualTo("2022-01-01");
        assertThat(weesp.getSuccessors()).extracting(Successor::getCode, Successor::getWeight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GM0363", 1.0));
        AreaReference haaren = BY_CODE.get("GM0788");
        assertThat(haaren.getValidToYear()).isEqualTo(2020);
        assertThat(haaren.getSuccessors()).extracting(Successor::getCode).containsExactly("GM0757", "GM0824", "GM0855", "GM0865");
        assertThat(haaren.getSuccessors().stream().mapToDouble(Successor::getWeight).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(REFS.stream().filter(r -> r.getValidToYear() != null)).hasSize(18)
                .allSatisfy(r -> assertThat(r.getSuccessors()).isNotEmpty());
    }

    private static String sizeClassOf(long inhabitants) {
        long[] upper = {5_000, 10_000, 20_000, 50_000, 100_000, 150_000, 250_000, Long.MAX_VALUE};
        for (int i = 0; i < upper.length; i++) {
            if (inhabitants < upper[i]) {
                return Integer.toString(i + 1);
            }
        }
        throw new AssertionError();
    }
}
