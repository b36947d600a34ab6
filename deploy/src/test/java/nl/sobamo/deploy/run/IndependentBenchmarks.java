package nl.sobamo.deploy.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * An independent re-computation of published benchmark statistics straight from the bundled source files, sharing no
 * code with the pipeline (no catalog, no normalizer, no Percentiles class): Iv3 lasten per taakveld per inhabitant
 * from the jaarrekening CSV (amounts in EUR thousand, inhabitants as printed in the same file) and the size class of
 * each municipality from the recorded CBS Gebieden in Nederland response (85067NED), joined by municipality name.
 */
final class IndependentBenchmarks {

    /** One municipality as the source files describe it. */
    record Municipality(String name, long inhabitants, Map<String, BigDecimal> lastenByTaakveld, BigDecimal totalLasten) {
        boolean deliveredData() {
            return totalLasten.signum() != 0;
        }

        /** EUR per inhabitant of the taakvelden matching {@code codes}; null when the file has none of them. */
        Double perInhabitant(Predicate<String> codes) {
            BigDecimal sum = null;
            for (Map.Entry<String, BigDecimal> e : lastenByTaakveld.entrySet()) {
                if (codes.test(e.getKey())) {
                    sum = sum == null ? e.getValue() : sum.add(e.getValue());
                }
            }
            return sum == null ? null : sum.doubleValue() * 1000 / inhabitants;
        }
    }

    private IndependentBenchmarks() {
    }

    /** The taakveld code filter of a catalog id like {@code 6.71} (6.71, 6.71a..) or {@code 6.72_6.74}. */
    static Predicate<String> taakveld(String id) {
        List<String> bases = new ArrayList<>();
        if (id.contains("_")) {
            String[] range = id.split("_");
            String prefix = range[0].substring(0, range[0].lastIndexOf('.') + 1);
            int from = Integer.parseInt(range[0].substring(prefix.length()));
            int to = Integer.parseInt(range[1].substring(prefix.length()));
            for (int i = from; i <= to; i++) {
                bases.add(prefix + i);
            }
        } else {
            bases.add(id);
        }
        // "6.71", "6.71a", ... but not "6.710" (there is none) and, for 6.1, not 6.10..
        return code -> bases.stream().anyMatch(b -> code.equals(b) || (code.startsWith(b) && code.length() == b.length() + 1
                && Character.isLetter(code.charAt(b.length()))));
    }

    /** Municipalities by name from the Iv3 CSV, without the 'Nederland' row. */
    static Map<String, Municipality> iv3() throws IOException {
        Map<String, Map<String, BigDecimal>> lasten = new HashMap<>();
        Map<String, Long> inhabitants = new HashMap<>();
        try (InputStream in = resource("data/iv3-2023/Analysedata_Iv3_2023_jaarrekening.csv")) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord row : format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String name = row.get("Gemeenten");
                if (name.equals("Nederland")) {
                    continue;
                }
                String code = row.get("Taakveld").split(" ", 2)[0];
                lasten.computeIfAbsent(name, n -> new HashMap<>()).merge(code, new BigDecimal(row.get("Lasten")), BigDecimal::add);
                inhabitants.put(name, Long.parseLong(row.get("Inwonertal")));
            }
        }
        Map<String, Municipality> result = new HashMap<>();
        lasten.forEach((name, byCode) -> result.put(name, new Municipality(name, inhabitants.get(name), byCode,
                byCode.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))));
        return result;
    }

    /** Name (trimmed) to {code, size class} from the recorded 85067NED pages. */
    static Map<String, String[]> sizeClasses() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String[]> result = new HashMap<>();
        for (String page : List.of("", "@skip-100", "@skip-200", "@skip-300")) {
            try (InputStream in = resource("fixtures/opendata.cbs.nl/ODataApi/odata/85067NED/TypedDataSet" + page + ".json")) {
                for (JsonNode row : json.readTree(in).get("value")) {
                    result.put(row.get("Naam_2").asText().trim(),
                            new String[] {row.get("Code_1").asText().trim(), row.get("Code_50").asText().trim()});
                }
            }
        }
        return result;
    }

    /**
     * RIVM Gezondheidsmonitor (50090NED, recorded responses) values of one measure and age group per period, on
     * today's municipalities: the file's 2020 codes, and for municipalities merged since, the inhabitant-weighted
     * mean of their parts with the part inhabitants of the bundled merger table (a successor only when every part has
     * a value). Only municipality rows ({@code SoortRegio_2 = Gemeente}) with {@code Marges = MW00000}.
     *
     * @return period (year) -> municipality code -> value
     */
    static Map<String, Map<String, Double>> rivm(String fieldPrefix, String ageGroup) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, Double>> raw = new HashMap<>();
        for (String page : List.of("", "@skip-1000", "@skip-2000")) {
            try (InputStream in = resource("fixtures/dataderden.cbs.nl/ODataApi/odata/50090NED/UntypedDataSet" + page + ".json")) {
                for (JsonNode row : json.readTree(in).get("value")) {
                    if (!row.get("SoortRegio_2").asText().trim().equals("Gemeente") || !row.get("Leeftijd").asText().trim().equals(ageGroup)
                            || !row.get("Marges").asText().trim().equals("MW00000")) {
                        continue;
                    }
                    String year = row.get("Perioden").asText().trim().substring(0, 4);
                    java.util.Iterator<String> names = row.fieldNames();
                    while (names.hasNext()) {
                        String name = names.next();
                        String text = row.get(name).asText().trim();
                        if (name.startsWith(fieldPrefix) && name.substring(fieldPrefix.length()).matches("\\d+") && !text.isEmpty()) {
                            raw.computeIfAbsent(year, y -> new HashMap<>()).put(row.get("WijkenEnBuurten").asText().trim(),
                                    Double.parseDouble(text));
                        }
                    }
                }
            }
        }
        // old code -> (new code, part inhabitants)
        Map<String, List<String[]>> partsOfNew = new HashMap<>();
        java.util.Set<String> oldCodes = new java.util.HashSet<>();
        try (InputStream in = resource("reference/herindelingen.csv")) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord row : format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                partsOfNew.computeIfAbsent(row.get("new_code"), c -> new ArrayList<>())
                        .add(new String[] {row.get("old_code"), row.get("part_inhabitants")});
                oldCodes.add(row.get("old_code"));
            }
        }
        Map<String, Map<String, Double>> result = new HashMap<>();
        raw.forEach((year, values) -> {
            Map<String, Double> today = new HashMap<>();
            values.forEach((code, v) -> {
                if (!oldCodes.contains(code)) {
                    today.put(code, v);
                }
            });
            partsOfNew.forEach((newCode, parts) -> {
                double weighted = 0;
                double inhabitants = 0;
                for (String[] part : parts) {
                    Double v = values.get(part[0]);
                    if (v == null) {
                        return; // a part without a value: no successor value
                    }
                    weighted += v * Long.parseLong(part[1]);
                    inhabitants += Long.parseLong(part[1]);
                }
                today.put(newCode, weighted / inhabitants);
            });
            result.put(year, today);
        });
        return result;
    }

    /** Today's code to size class from the recorded 85067NED pages. */
    static Map<String, String> sizeClassByCode() throws IOException {
        Map<String, String> result = new HashMap<>();
        sizeClasses().values().forEach(v -> result.put(v[0], v[1]));
        return result;
    }

    /** Hyndman-Fan type 7: h = (n - 1) p, linear between the neighbours, written out from the definition. */
    static double type7(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = (int) Math.ceil(h);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static InputStream resource(String path) {
        InputStream in = IndependentBenchmarks.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("bundled source file not on the test classpath: " + path);
        }
        return in;
    }
}
