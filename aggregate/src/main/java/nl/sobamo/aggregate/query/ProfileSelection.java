package nl.sobamo.aggregate.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import nl.sobamo.catalog.Unit;

/**
 * Which rows a municipality's profile shows. Pure.
 *
 * <ul>
 *   <li>Only comparable values ({@link Unit#scaleFree}: rates, scores and catalog-normalised values); absolute amounts
 *       stay in the tables and exports.</li>
 *   <li>Without a requested period: per indicator its latest available period, the year on the row (Iv3 2023 beside
 *       CBS 2024 beside RIVM 2020).</li>
 *   <li>The default period (named on the page, offered first) is the latest period with a comparable indicator of a
 *       sphere with no municipal push among its inputs: a period in which a municipality pushed one figure is not
 *       a profile.</li>
 * </ul>
 */
final class ProfileSelection {

    private ProfileSelection() {
    }

    /** The rows shown: the latest per sphere and indicator, or those of {@code period}. Sorted by indicator id. */
    static List<Map<String, Object>> rows(List<Map<String, Object>> all, String period) {
        Map<String, Map<String, Object>> chosen = new LinkedHashMap<>();
        all.stream().filter(ProfileSelection::comparable)
                .filter(r -> period == null || period.equals(r.get("period")))
                .sorted(Comparator.comparing(r -> String.valueOf(r.get("period"))))
                .forEach(r -> chosen.put(r.get("sphere") + "|" + r.get("indicatorId"), r)); // later periods replace earlier
        List<Map<String, Object>> result = new ArrayList<>(chosen.values());
        result.sort(Comparator.comparing(r -> String.valueOf(r.get("indicatorId"))));
        return result;
    }

    /** The latest period with a comparable sphere indicator not only from record sources; else the latest of any row. */
    static Optional<String> defaultPeriod(List<Map<String, Object>> all, Set<String> recordSources) {
        TreeSet<String> substantive = new TreeSet<>();
        TreeSet<String> any = new TreeSet<>();
        for (Map<String, Object> r : all) {
            any.add(String.valueOf(r.get("period")));
            if (comparable(r) && !"CONTEXT".equals(r.get("sphere")) && !anyFrom(r, recordSources)) {
                substantive.add(String.valueOf(r.get("period")));
            }
        }
        return Optional.ofNullable(!substantive.isEmpty() ? substantive.last() : any.isEmpty() ? null : any.last());
    }

    static boolean comparable(Map<String, Object> row) {
        return row.get("unit") != null && Unit.scaleFree(String.valueOf(row.get("unit")));
    }

    /** Whether any input of the row is a pushed record (a pushed count per 1,000 inhabitants is a pushed figure). */
    @SuppressWarnings("unchecked")
    private static boolean anyFrom(Map<String, Object> row, Set<String> sources) {
        Object provenance = row.get("provenance");
        if (!(provenance instanceof List<?> list) || list.isEmpty()) {
            return false;
        }
        return list.stream().anyMatch(p -> p instanceof Map<?, ?> m && sources.contains(String.valueOf(((Map<String, Object>) m).get("source"))));
    }
}
