package nl.sobamo.aggregate.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.sobamo.schemas.AreaReference;

/** The comparison groups of a municipality, taken from its area reference. Codes are opaque strings. */
public final class PeerGroups {

    public static final String NATIONAL = "national";
    public static final String NATIONAL_VALUE = "NL";
    public static final String SIZE_CLASS = "size-class";
    public static final String URBANITY = "urbanity";
    public static final String PROVINCE = "province";
    public static final String SIZE_URBANITY = "size-urbanity";
    /** Separates size class and urbanity in a size-urbanity group value. */
    public static final String SIZE_URBANITY_SEPARATOR = "|";

    public static final List<String> TYPES = List.of(NATIONAL, SIZE_CLASS, URBANITY, PROVINCE, SIZE_URBANITY);

    private PeerGroups() {
    }

    /** Group type to group value; always national, plus every peer group the reference fills in. */
    public static Map<String, String> of(AreaReference reference) {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(NATIONAL, NATIONAL_VALUE);
        if (reference == null) {
            return groups;
        }
        putIfPresent(groups, SIZE_CLASS, reference.getSizeClass());
        putIfPresent(groups, URBANITY, reference.getUrbanity());
        putIfPresent(groups, PROVINCE, reference.getProvince());
        if (present(reference.getSizeClass()) && present(reference.getUrbanity())) {
            groups.put(SIZE_URBANITY, reference.getSizeClass() + SIZE_URBANITY_SEPARATOR + reference.getUrbanity());
        }
        return groups;
    }

    private static void putIfPresent(Map<String, String> groups, String type, String value) {
        if (present(value)) {
            groups.put(type, value);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
