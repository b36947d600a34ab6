package nl.sobamo.normalize.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.catalog.SourceMapping;
import nl.sobamo.normalize.fixtures.NationalData;
import nl.sobamo.normalize.fixtures.RawRecords;
import nl.sobamo.schemas.RawRecord;
import org.junit.jupiter.api.Test;

class MappingIndexTest {

    private final IndicatorCatalog catalog = IndicatorCatalog.loadDefault();
    private final MappingIndex index = new MappingIndex(catalog);

    @Test
    void givesTheCatalogsMappingsAndBoundaryYearForEveryBundledRecord() {
        List<RawRecord> records = new ArrayList<>(NationalData.rivm50090()); // dataset patterns, dimension filters
        records.addAll(NationalData.kwb2024());
        records.addAll(NationalData.iv3_2023());
        records.addAll(NationalData.gebieden2022());
        records.add(push("visitors", Map.of("Leeftijd", "20300")));
        records.add(push("other", Map.of()));
        for (RawRecord r : records) {
            assertThat(index.mappingsFor(r)).as(r.getRecordId()).isEqualTo(catalog.mappingsFor(r));
            // twice: the second answer comes from the cache
            assertThat(index.mappingsFor(r)).as(r.getRecordId()).isEqualTo(catalog.mappingsFor(r));
            assertThat(index.classificationYear(r.getSource(), r.getDataset(), 2018))
                    .isEqualTo(catalog.classificationYear(r.getSource(), r.getDataset(), 2018));
        }
        assertThat(index.mapsSource("cbs-kwb")).isTrue();
        assertThat(index.mapsSource("nobody")).isFalse();
        assertThat(index.mappingsFor(RawRecord.newBuilder(RawRecords.kwbKampen()).setSource("nobody").build())).isEmpty();
    }

    @Test
    void dimensionFiltersAreCheckedPerRecordNotCachedWithTheDataset() {
        RawRecord adults = NationalData.rivm50090().stream().filter(r -> "20300".equals(r.getFields().get("Leeftijd")))
                .findFirst().orElseThrow();
        Map<String, String> otherAge = new HashMap<>(adults.getFields());
        otherAge.put("Leeftijd", "53115");
        RawRecord other = RawRecord.newBuilder(adults).setFields(otherAge).build();

        assertThat(index.mappingsFor(adults)).isNotEmpty().isEqualTo(catalog.mappingsFor(adults));
        assertThat(index.mappingsFor(other)).isEqualTo(catalog.mappingsFor(other));
    }

    @Test
    void layoutMatchesSortedMeasureKeysAndIsSharedOnlyByRecordsWithTheSameKeys() {
        SourceMapping inhabitants = new SourceMapping("cbs-kwb", null, null, "AantalInwoners", null, null, null, null,
                null, null, null, null, null);
        RawRecord kampen = RawRecords.kwb("GM0166", Map.of("AantalInwoners_7", "1", "AantalInwoners_5", "2",
                "AantalInwoners_5@lower", "1", "Mannen_6", "3"));
        RawRecord sameKeys = RawRecords.kwb("GM0200", Map.of("AantalInwoners_7", "4", "AantalInwoners_5", "5",
                "AantalInwoners_5@lower", "4", "Mannen_6", "6"));
        RawRecord otherKeys = RawRecords.kwb("GM0202", Map.of("AantalInwoners_6", "7", "Mannen_6", "8"));

        MappingIndex.KeyLayout layout = index.layout(kampen);
        assertThat(layout.matching(inhabitants)).containsExactly("AantalInwoners_5", "AantalInwoners_7");
        assertThat(index.layout(sameKeys)).isSameAs(layout);
        assertThat(layout.fits(otherKeys.getFields())).isFalse();

        MappingIndex.KeyLayout other = index.layout(otherKeys);
        assertThat(other).isNotSameAs(layout);
        assertThat(other.matching(inhabitants)).containsExactly("AantalInwoners_6");
        // the newest layout replaced the old one; a record with the old keys gets a fresh, equal answer
        assertThat(index.layout(kampen).matching(inhabitants)).containsExactly("AantalInwoners_5", "AantalInwoners_7");
    }

    private static RawRecord push(String dataset, Map<String, String> fields) {
        return RawRecord.newBuilder(RawRecords.kwbKampen()).setSource("push").setDataset(dataset)
                .setPeriod("2024").setFields(new HashMap<>(fields)).build();
    }
}
