package nl.sobamo.normalize.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.schemas.IndicatorKind;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.SourceRef;
import nl.sobamo.schemas.Sphere;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class AreaHarmonizerTest {

    private static final AreaHarmonizer HARMONIZER = AreaHarmonizer.loadDefault();
    private static final MunicipalityDirectory CURRENT = MunicipalityDirectory.loadDefault();
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void everyRowIsReproducibleFromTheCbsFiguresItNames() throws IOException {
        Map<String, Long> kwb2024 = kwb2024Inhabitants();
        Map<String, Long> gebieden2022 = gebieden2022Inhabitants();
        int checked = 0;
        for (CSVRecord row : referenceRows()) {
            String districts = row.get("part_districts_2024");
            long expected;
            if (row.get("source").startsWith("CBS 85067NED")) {
                expected = gebieden2022.get(row.get("old_code"));
            } else if (districts.contains(" minus ")) {
                String[] parts = districts.split(" minus ");
                expected = kwb2024.get(parts[0]);
                for (String wk : parts[1].split(" ")) {
                    expected -= kwb2024.get(wk);
                }
            } else {
                expected = 0;
                for (String wk : districts.split(" ")) {
                    assertThat(wk).as("district of %s", row.get("new_code")).startsWith("WK" + row.get("new_code").substring(2));
                    expected += kwb2024.get(wk);
                }
            }
            assertThat(Long.parseLong(row.get("part_inhabitants"))).as("row %s -> %s", row.get("old_code"), row.get("new_code"))
                    .isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isEqualTo(HARMONIZER.rows().size()).isEqualTo(27);
    }

    @Test
    void weightsOfEveryOldMunicipalitySumToOneAndHaarenIsSplitFourWays() {
        Map<String, Double> sums = new HashMap<>();
        HARMONIZER.rows().forEach(r -> sums.merge(r.oldCode(), r.weight(), Double::sum));
        assertThat(sums.values()).allSatisfy(s -> assertThat(s).isCloseTo(1.0, within(1e-5)));
        assertThat(HARMONIZER.contributions("GM0788", 2020)).extracting(Herindeling::newCode)
                .containsExactly("GM0757", "GM0824", "GM0855", "GM0865");
        // Esch 2,205 + Haaren 6,015 + Biezenmortel 1,485 + Helvoirt 4,915 = 14,620 inhabitants on 1-1-2024
        assertThat(HARMONIZER.contributions("GM0788", 2020).get(1).weight()).isCloseTo(6015.0 / 14620, within(1e-6));
    }

    /**
     * The address weights of reidhin/grenswijzigen (CC BY-NC-SA, test data only) and our CBS-inhabitant weights
     * describe the same 2021 split of Haaren; they agree to within 2.5 percentage points per successor.
     */
    @Test
    void cbsWeightsAgreeWithTheAddressWeightsOfTheNonCommercialDataset() throws IOException {
        Map<String, Long> addresses = new HashMap<>();
        try (InputStream in = resource("fixtures/herindelingen-cc-by-nc-sa/herindelingen_long.csv")) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                if (r.get("jaar_van").equals("2020") && r.get("jaar_naar").equals("2021") && r.get("gm_code_van").equals("GM0788")) {
                    addresses.put(r.get("gm_code_naar"), Long.parseLong(r.get("aantal_adressen")));
                }
            }
        }
        long total = addresses.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(840 + 2369 + 469 + 1916);
        for (Herindeling row : HARMONIZER.contributions("GM0788", 2020)) {
            assertThat(row.weight()).as(row.newName()).isCloseTo(addresses.get(row.newCode()) / (double) total, within(0.025));
        }
        // and every whole-municipality merger 2020-2023 in the address data is in our reference with weight 1
        Set<String> dissolved = new TreeSet<>();
        try (InputStream in = resource("fixtures/herindelingen-cc-by-nc-sa/herindelingen_long.csv")) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                int from = Integer.parseInt(r.get("jaar_van"));
                if (from >= 2020 && Integer.parseInt(r.get("jaar_naar")) == from + 1 && !CURRENT.isKnown(r.get("gm_code_van"))
                        && Long.parseLong(r.get("aantal_adressen")) > 4) { // 1-4 addresses are boundary corrections
                    dissolved.add(r.get("gm_code_van"));
                }
            }
        }
        assertThat(dissolved).hasSize(18); // 4 in 2021, 10 in 2022, 4 in 2023
        assertThat(dissolved).allSatisfy(code -> assertThat(HARMONIZER.dissolved(code)).as(code).isTrue());
    }

    @Test
    void municipalitiesExistInTheClassificationOfTheirYearOnly() {
        assertThat(HARMONIZER.existedIn("GM0457", 2020, CURRENT)).isTrue();  // Weesp
        assertThat(HARMONIZER.existedIn("GM0457", 2022, CURRENT)).isTrue();
        assertThat(HARMONIZER.existedIn("GM0457", 2023, CURRENT)).isFalse();
        assertThat(HARMONIZER.existedIn("GM1992", 2022, CURRENT)).isFalse(); // Voorne aan Zee, formed 2023
        assertThat(HARMONIZER.existedIn("GM1992", 2023, CURRENT)).isTrue();
        assertThat(HARMONIZER.existedIn("GM0363", 2020, CURRENT)).isTrue();
        assertThat(HARMONIZER.existedIn("GM0166", 2012, CURRENT)).isTrue();
        assertThat(HARMONIZER.existedIn("GM9999", 2020, CURRENT)).isFalse();
        assertThat(HARMONIZER.needsHarmonisation("GM0363", 2020)).isTrue();
        assertThat(HARMONIZER.needsHarmonisation("GM0363", 2023)).isFalse();
        assertThat(HARMONIZER.needsHarmonisation("GM0166", 2020)).isFalse();
    }

    @Test
    void ratesBecomeInhabitantWeightedAveragesOfTheParts() {
        // 50090NED 2020, 18+: seriously lonely Amsterdam 14.8, Weesp 10.7 (2020 boundaries)
        Observation amsterdam = observation("GM0363", "PERCENT", 14.8, 13.9, 15.7);
        Observation weesp = observation("GM0457", "PERCENT", 10.7, 9.0, 12.5);
        Observation merged = HARMONIZER.combine("GM0363", 2020, List.of(weesp, amsterdam), NOW);

        double expected = (14.8 * 882_633 + 10.7 * 20_766) / (882_633 + 20_766);
        assertThat(merged.getValue()).isCloseTo(expected, within(1e-12));
        assertThat(merged.getLowerBound()).isCloseTo((13.9 * 882_633 + 9.0 * 20_766) / (882_633 + 20_766), within(1e-12));
        assertThat(merged.getUpperBound()).isCloseTo((15.7 * 882_633 + 12.5 * 20_766) / (882_633 + 20_766), within(1e-12));
        assertThat(merged.getHarmonised()).isTrue();
        assertThat(merged.getMunicipalityCode()).isEqualTo("GM0363");
        assertThat(merged.getAreaCode()).isEqualTo("GM0363");
        assertThat(merged.getHarmonisedFrom()).extracting(p -> p.getAreaCode() + "=" + p.getValue() + "x" + p.getWeight() + " " + p.getWeightBasis())
                .containsExactly("GM0363=14.8x882633.0 INHABITANTS", "GM0457=10.7x20766.0 INHABITANTS");
        assertThat(merged.getHarmonisedFrom()).extracting(p -> p.getSource().getSourceRecordId())
                .containsExactly("rivm/50090NED/2020/GM0363/20300", "rivm/50090NED/2020/GM0457/20300");
        assertThat(merged.getSource().getSourceRecordId()).isEqualTo("rivm/50090NED/2020/GM0363/20300");
        assertThat(merged.getOriginalAreaCode()).isNull();
        // same parts in another order: the same bits
        assertThat(HARMONIZER.combine("GM0363", 2020, List.of(amsterdam, weesp), NOW)).isEqualTo(merged);
    }

    @Test
    void countsAreSummedAndASplitMunicipalityIsShared() {
        // 85067NED 2022 inhabitants: Brielle 17,704, Hellevoetsluis 40,574, Westvoorne 14,960
        Observation merged = HARMONIZER.combine("GM1992", 2022, List.of(
                observation("GM0501", "COUNT", 17_704, null, null), observation("GM0530", "COUNT", 40_574, null, null),
                observation("GM0614", "COUNT", 14_960, null, null)), NOW);
        assertThat(merged.getValue()).isEqualTo(73_238.0);
        assertThat(merged.getLowerBound()).isNull();

        // a count of 1,000 in Haaren (2020) adds its Biezenmortel share to Tilburg
        Observation tilburg = HARMONIZER.combine("GM0855", 2020, List.of(
                observation("GM0855", "COUNT", 10_000, null, null), observation("GM0788", "COUNT", 1_000, null, null)), NOW);
        assertThat(tilburg.getValue()).isCloseTo(10_000 + 1_000 * 1485.0 / 14620, within(1e-9));
    }

    private static Observation observation(String code, String unit, double value, Double lower, Double upper) {
        String recordId = "rivm/50090NED/2020/" + code + "/20300";
        return Observation.newBuilder()
                .setObservationId("id-" + code).setIndicatorId("rivm.seriously_lonely").setMunicipalityCode(code).setAreaCode(code)
                .setSphere(Sphere.PERSONAL).setIngredient(Ingredient.EFFECT).setKind(IndicatorKind.SUBJECTIVE)
                .setPeriod("2020").setValue(value).setUnit(unit).setLowerBound(lower).setUpperBound(upper)
                .setSource(SourceRef.newBuilder().setSource("rivm").setDataset("50090NED").setPeriod("2020")
                        .setSourceRecordId(recordId).setFetchedAt(Instant.parse("2025-04-19T00:00:00Z")).build())
                .setCatalogVersion("test").setIngestedAt(NOW).build();
    }

    private static List<CSVRecord> referenceRows() throws IOException {
        try (InputStream in = resource(AreaHarmonizer.DEFAULT_RESOURCE)) {
            return CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8)).getRecords();
        }
    }

    /** CBS 85984NED AantalInwoners_5 per region from the bundled ingest data (1-1-2024). */
    static Map<String, Long> kwb2024Inhabitants() throws IOException {
        try (InputStream in = resource("data/cbs-kwb-2024/stripped_filtered_data_2024.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Long> result = new HashMap<>();
            root.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue().get("AantalInwoners_5");
                if (v != null && !v.isNull()) {
                    result.put(e.getKey(), v.asLong());
                }
            });
            return result;
        }
    }

    /** CBS 85067NED Inwonertal_54 per municipality (1-1-2022), from the test fixture subset. */
    static Map<String, Long> gebieden2022Inhabitants() throws IOException {
        try (InputStream in = resource("fixtures/cbs-gebieden-2022/gebieden_2022_subset.csv")) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8)).getRecords().stream()
                    .collect(Collectors.toMap(r -> r.get("Code_1").trim(), r -> Long.parseLong(r.get("Inwonertal_54").trim())));
        }
    }

    private static InputStream resource(String name) {
        InputStream in = AreaHarmonizerTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
