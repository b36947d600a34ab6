package nl.sobamo.aggregate.reference;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import nl.sobamo.schemas.AreaReference;

/**
 * Snapshot of the municipality (GM) area references: the groups each municipality belongs to and how many
 * municipalities each group has in a given year (for coverage). Built from the global area-reference store.
 */
public final class AreaDirectory {

    private final Map<String, AreaReference> municipalities;
    private final int nationalFallbackSize;
    private final Map<String, Map<String, Integer>> sizesByPeriod = new HashMap<>();

    public AreaDirectory(Map<String, AreaReference> references, int nationalFallbackSize) {
        Map<String, AreaReference> gm = new HashMap<>();
        references.forEach((code, ref) -> {
            if (ref != null && (ref.getLevel() == null || "GM".equalsIgnoreCase(ref.getLevel()))) {
                gm.put(code, ref);
            }
        });
        this.municipalities = Map.copyOf(gm);
        this.nationalFallbackSize = nationalFallbackSize;
    }

    public static AreaDirectory empty(int nationalFallbackSize) {
        return new AreaDirectory(Map.of(), nationalFallbackSize);
    }

    public boolean isEmpty() {
        return municipalities.isEmpty();
    }

    /** Group type to value for a municipality (national only when it has no reference). */
    public Map<String, String> groupsOf(String municipalityCode) {
        return PeerGroups.of(municipalities.get(municipalityCode));
    }

    /**
     * Municipalities in the group that existed in the period's year (validFromYear..validToYear). With no
     * reference data at all, the national group has the configured fallback size and peer groups are unknown.
     */
    public Integer groupSize(String groupType, String groupValue, String period) {
        if (municipalities.isEmpty()) {
            return PeerGroups.NATIONAL.equals(groupType) ? nationalFallbackSize : null;
        }
        Integer size = sizesByPeriod.computeIfAbsent(period, this::countGroups).get(groupType + "\u0000" + groupValue);
        return size == null || size == 0 ? null : size;
    }

    private Map<String, Integer> countGroups(String period) {
        Integer year = year(period);
        Map<String, Integer> counts = new HashMap<>();
        for (AreaReference ref : municipalities.values()) {
            if (year != null && !validIn(ref, year)) {
                continue;
            }
            PeerGroups.of(ref).forEach((type, value) -> counts.merge(type + "\u0000" + value, 1, Integer::sum));
        }
        return counts;
    }

    static boolean validIn(AreaReference ref, int year) {
        return (ref.getValidFromYear() == null || ref.getValidFromYear() <= year)
                && (ref.getValidToYear() == null || year <= ref.getValidToYear());
    }

    static Integer year(String period) {
        if (period != null && period.length() >= 4) {
            try {
                return Integer.parseInt(period.substring(0, 4));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** True when both snapshots place every municipality in the same groups (sizes may still differ). */
    public boolean sameAs(AreaDirectory other) {
        return other != null && Objects.equals(municipalities, other.municipalities);
    }
}
