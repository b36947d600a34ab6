package nl.sobamo.normalize.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.sobamo.normalize.area.AreaHarmonizer;
import nl.sobamo.normalize.area.Herindeling;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.SourceRef;
import nl.sobamo.schemas.Successor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The area reference published on {@code sobamo.reference.areas.v1} (compacted, key = municipality code): the 342
 * municipalities of today with name, province, CBS size class and urbanity codes and inhabitants on 1 January 2024
 * ({@code reference/gemeenten-2024.csv}), plus the 18 municipalities dissolved 2021-2023 with their last year and
 * successors with weights ({@code reference/herindelingen.csv}). Deterministic: the same files give the same records.
 */
public final class AreaReferences {

    public static final String GEMEENTEN_RESOURCE = "reference/gemeenten-2024.csv";
    /** Retrieval date of the Gemeenteklassen 2024 copy (michielsd/begrotingsanalysetool, see reference/PROVENANCE.md). */
    public static final Instant FETCHED_AT = Instant.parse("2025-04-28T00:00:00Z");
    public static final int CLASSIFICATION_YEAR = 2024;

    private static final Map<String, String> SIZE_LABELS = Map.of(
            "1", "minder dan 5 000 inwoners", "2", "5 000 tot 10 000 inwoners", "3", "10 000 tot 20 000 inwoners",
            "4", "20 000 tot 50 000 inwoners", "5", "50 000 tot 100 000 inwoners", "6", "100 000 tot 150 000 inwoners",
            "7", "150 000 tot 250 000 inwoners", "8", "250 000 inwoners of meer");
    private static final Map<String, String> URBANITY_LABELS = Map.of(
            "1", "Zeer sterk stedelijk", "2", "Sterk stedelijk", "3", "Matig stedelijk", "4", "Weinig stedelijk",
            "5", "Niet stedelijk");

    private AreaReferences() {
    }

    /** Current municipalities first (by code), then the dissolved ones (by code). */
    public static List<AreaReference> bundled(AreaHarmonizer harmonizer) {
        List<AreaReference> result = new ArrayList<>();
        Map<String, Integer> formed = new LinkedHashMap<>();
        for (Herindeling h : harmonizer.rows()) {
            if (!h.continuing() && harmonizer.rows().stream().noneMatch(o -> o.continuing() && o.newCode().equals(h.newCode()))) {
                formed.merge(h.newCode(), h.lastYear() + 1, Math::max); // a code formed by a merger on 1 January
            }
        }
        for (CSVRecord r : rows()) {
            String code = r.get("code");
            String size = r.get("size_class");
            String urbanity = r.get("urbanity");
            result.add(AreaReference.newBuilder()
                    .setCode(code).setName(r.get("name")).setLevel("GM")
                    .setValidFromYear(formed.get(code)).setValidToYear(null)
                    .setInhabitants(Long.parseLong(r.get("inhabitants_2024_01_01")))
                    .setInhabitantsReferenceDate("2024-01-01")
                    .setSizeClass(size).setSizeClassLabel(label(SIZE_LABELS, size, code))
                    .setUrbanity(urbanity).setUrbanityLabel(label(URBANITY_LABELS, urbanity, code))
                    .setProvince(r.get("province_code")).setProvinceName(r.get("province_name"))
                    .setSuccessors(List.of())
                    .setSource(source(GEMEENTEN_RESOURCE + "#" + code))
                    .build());
        }
        Map<String, List<Herindeling>> dissolved = new LinkedHashMap<>();
        harmonizer.rows().stream().filter(h -> harmonizer.dissolved(h.oldCode()))
                .sorted(Comparator.comparing(Herindeling::oldCode).thenComparing(Herindeling::newCode))
                .forEach(h -> dissolved.computeIfAbsent(h.oldCode(), k -> new ArrayList<>()).add(h));
        dissolved.forEach((code, rows) -> result.add(AreaReference.newBuilder()
                .setCode(code).setName(rows.get(0).oldName()).setLevel("GM")
                .setValidFromYear(null).setValidToYear(rows.get(0).lastYear())
                .setInhabitants(rows.stream().mapToLong(Herindeling::partInhabitants).sum())
                .setInhabitantsReferenceDate(rows.get(0).source().contains("85067NED") ? "2022-01-01" : "2024-01-01")
                .setSuccessors(rows.stream().map(h -> new Successor(h.newCode(), h.weight())).toList())
                .setSource(source(AreaHarmonizer.DEFAULT_RESOURCE + "#" + code))
                .build()));
        return result;
    }

    private static String label(Map<String, String> labels, String code, String area) {
        String label = labels.get(code);
        if (label == null) {
            throw new IllegalStateException(GEMEENTEN_RESOURCE + ": unknown class code '" + code + "' for " + area);
        }
        return label;
    }

    private static SourceRef source(String recordId) {
        return SourceRef.newBuilder().setSource("sobamo-reference").setDataset("gemeenten-" + CLASSIFICATION_YEAR)
                .setPeriod(Integer.toString(CLASSIFICATION_YEAR)).setSourceRecordId(recordId).setFetchedAt(FETCHED_AT).build();
    }

    private static List<CSVRecord> rows() {
        try (InputStream in = AreaReferences.class.getClassLoader().getResourceAsStream(GEMEENTEN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + GEMEENTEN_RESOURCE);
            }
            return CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(in, StandardCharsets.UTF_8)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
