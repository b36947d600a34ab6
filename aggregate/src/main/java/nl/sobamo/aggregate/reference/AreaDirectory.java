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

    /**
     * The municipal boundaries (a year; null = today's) the rows of one indicator-period are expressed on: the
     * period's own year when no row is harmonised and every row's municipality existed that year; otherwise today's
     * boundaries (harmonised rows are re-expressed on today's municipalities, decision 0005), e.g. RIVM 2020 on 342
     * municipalities, not on the 355 of 2020.
     */
    public Integer boundaryYear(String period, java.util.Collection<String> memberCodes, boolean anyHarmonised) {
        Integer year = year(period);
        if (year != null && !anyHarmonised && !municipalities.isEmpty()
                && memberCodes.stream().allMatch(c -> municipalities.containsKey(c) && validIn(municipalities.get(c), year))) {
            return year;
        }
        return null;
    }

    /**
     * Municipalities of the group on the given boundaries ({@code boundaryYear}, null = today's: references
     * without an end year), counting also any member code outside them so that n never exceeds the size. With no
     * reference data at all, the national group has the configured fallback size and peer groups are unknown.
     */
    public Integer groupSize(String groupType, String groupValue, Integer boundaryYear, java.util.Collection<String> members) {
        if (municipalities.isEmpty()) {
            return PeerGroups.NATIONAL.equals(groupType) ? nationalFallbackSize : null;
        }
        String key = boundaryYear == null ? "today" : boundaryYear.toString();
        Integer size = sizesByPeriod.computeIfAbsent(key, k -> countGroups(boundaryYear, boundaryYear == null)).get(groupType + "\u0000" + groupValue);
        int base = size == null ? 0 : size;
        long outside = members.stream().distinct().filter(c -> !onBoundaries(c, boundaryYear)).count();
        int total = base + (int) outside;
        return total == 0 ? null : total;
    }

    private boolean onBoundaries(String code, Integer boundaryYear) {
        AreaReference ref = municipalities.get(code);
        if (ref == null) {
            return false;
        }
        return boundaryYear == null ? ref.getValidToYear() == null : validIn(ref, boundaryYear);
    }

    private Map<String, Integer> countGroups(String period) {
        return countGroups(year(period), false);
    }

    private Map<String, Integer> countGroups(Integer year, boolean today) {
        Map<String, Integer> counts = new HashMap<>();
        for (AreaReference ref : municipalities.values()) {
            if (today ? ref.getValidToYear() != null : year != null && !validIn(ref, year)) {
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
