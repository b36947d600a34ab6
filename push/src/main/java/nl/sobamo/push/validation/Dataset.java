package nl.sobamo.push.validation;

import static nl.sobamo.push.validation.FieldSpec.oneOf;
import static nl.sobamo.push.validation.FieldSpec.optional;
import static nl.sobamo.push.validation.FieldSpec.required;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The five datasets a municipality can push, with their fields. The field names are a contract with normalize
 * (docs/raw-records.md): keep them stable. {@code RawRecord.fields} holds exactly these names (strings, canonical
 * form) plus {@code municipalityCode}.
 */
public enum Dataset {

    BUDGET("budget", "Budget or realised spending of the municipality per sociale-basis category or Iv3 taakveld", List.of(
            required("year", FieldType.YEAR, "budget or account year"),
            oneOf("category", false, List.of("jongerenwerk", "buurtwerk", "opbouwwerk", "vrijwilligersondersteuning",
                    "mantelzorgondersteuning", "specifieke-groepen"),
                    "sociale-basis category (buurtwerk includes wijkwerk; specifieke-groepen = projects for specific"
                            + " groups); give either category or taakveld"),
            optional("taakveld", FieldType.ID, "Iv3 taakveld, e.g. 6.1; give either category or taakveld"),
            required("amountEur", FieldType.AMOUNT, "amount in euros (not thousands), accommodation rent excluded"),
            oneOf("kind", true, List.of("budget", "realised"), "budget (begroting) or realised (jaarrekening)"))),

    VISITORS("visitors", "Visits and (estimated) unique visitors of a facility or activity in a period", List.of(
            required("facilityId", FieldType.ID, "the municipality's id of the facility or activity"),
            oneOf("facilityType", true, List.of("buurthuis", "inloop", "activity"), "kind of facility"),
            required("areaCode", FieldType.AREA, "where the facility is: GM, WK or BU code"),
            required("periodStart", FieldType.DATE, "first day of the counting period"),
            required("periodEnd", FieldType.DATE, "last day of the counting period (same year, not in the future)"),
            required("visits", FieldType.COUNT, "number of visits"),
            optional("uniqueVisitors", FieldType.COUNT, "number of different visitors (<= visits; never exactly 1)"),
            optional("estimated", FieldType.BOOLEAN, "true when the counts are estimates (default false)"))),

    VOLUNTEERS("volunteers", "Number of volunteers and volunteer hours per week of an organisation in an area", List.of(
            required("organisation", FieldType.TEXT, "name of the organisation or initiative"),
            required("areaCode", FieldType.AREA, "area the organisation works in: GM, WK or BU code"),
            required("periodStart", FieldType.DATE, "first day of the period"),
            required("periodEnd", FieldType.DATE, "last day of the period (same year, not in the future)"),
            required("volunteers", FieldType.COUNT, "number of active volunteers (never exactly 1)"),
            optional("hoursPerWeek", FieldType.DECIMAL, "total volunteer hours per week of all volunteers"),
            optional("estimated", FieldType.BOOLEAN, "true when the figures are estimates (default false)"))),

    EXPERIENCE("experience", "Smiley tallies (3-point scale) of the five experience statements for a service", experienceFields()),

    FACILITIES("facilities", "Facilities of the sociale basis: size, opening hours and professional staff", List.of(
            required("facilityId", FieldType.ID, "the municipality's id of the facility (same id as in visitors)"),
            oneOf("type", true, List.of("buurthuis", "inloop", "jongerencentrum", "wijkcentrum", "other"),
                    "kind of facility"),
            required("areaCode", FieldType.AREA, "where the facility is: GM, WK or BU code"),
            required("year", FieldType.YEAR, "year the figures describe"),
            optional("m2", FieldType.DECIMAL, "floor area in square metres"),
            optional("openingHoursPerWeek", FieldType.DECIMAL, "opening hours per week").max(168),
            optional("fteProfessionals", FieldType.DECIMAL, "FTE of professionals working there")));

    /** The five statements of the smiley survey, in the order of the sources. */
    public static final List<String> STATEMENTS = Smiley.STATEMENTS;
    /** The three answers of the smiley scale. */
    public static final List<String> ANSWERS = Smiley.ANSWERS;

    /** Holder: enum constants are built before the enum's own static fields. */
    private static final class Smiley {
        static final List<String> STATEMENTS = List.of("satisfied", "helped", "fitNeeds", "atEase", "listenedTo");
        static final List<String> ANSWERS = List.of("positive", "neutral", "negative");
    }

    private final String id;
    private final String description;
    private final List<FieldSpec> fields;
    private final Map<String, FieldSpec> byName;

    Dataset(String id, String description, List<FieldSpec> fields) {
        this.id = id;
        this.description = description;
        this.fields = List.copyOf(fields);
        Map<String, FieldSpec> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f.name(), f));
        this.byName = Collections.unmodifiableMap(map);
    }

    private static List<FieldSpec> experienceFields() {
        List<FieldSpec> f = new ArrayList<>();
        f.add(required("service", FieldType.ID, "the municipality's id of the service or activity asked about"));
        f.add(required("areaCode", FieldType.AREA, "where the service is offered: GM, WK or BU code"));
        f.add(required("periodStart", FieldType.DATE, "first day of the survey period"));
        f.add(required("periodEnd", FieldType.DATE, "last day of the survey period (same year, not in the future)"));
        f.add(required("respondents", FieldType.COUNT, "number of people who answered (0 or at least 5)"));
        for (String statement : Smiley.STATEMENTS) {
            for (String answer : Smiley.ANSWERS) {
                f.add(optional(statement + "." + answer, FieldType.COUNT,
                        "respondents answering '" + statement + "' with the " + answer + " smiley"));
            }
        }
        return f;
    }

    /** The dataset's path segment and {@code RawRecord.dataset}, e.g. {@code visitors}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    public Optional<FieldSpec> field(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The dataset for a path segment or file-name prefix (case-insensitive), if any. */
    public static Optional<Dataset> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        for (Dataset d : values()) {
            if (d.id.equals(wanted)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Dataset d : values()) {
            ids.add(d.id);
        }
        return ids;
    }

    /**
     * The logical key of a valid record (canonical field values): the part of the record id after
     * {@code push/<dataset>/<GM####>/}. Two records with the same logical key describe the same thing, so the later
     * one supersedes the earlier.
     */
    public String logicalKey(Map<String, String> v) {
        return switch (this) {
            case BUDGET -> v.get("year") + "/" + v.get("kind") + "/"
                    + (v.get("category") != null ? v.get("category") : "taakveld-" + v.get("taakveld"));
            case VISITORS -> v.get("facilityId") + "/" + v.get("periodStart") + "/" + v.get("periodEnd");
            case VOLUNTEERS -> slug(v.get("organisation")) + "/" + v.get("areaCode") + "/" + v.get("periodStart")
                    + "/" + v.get("periodEnd");
            case EXPERIENCE -> v.get("service") + "/" + v.get("areaCode") + "/" + v.get("periodStart") + "/"
                    + v.get("periodEnd");
            case FACILITIES -> v.get("facilityId") + "/" + v.get("year");
        };
    }

    /** {@code RawRecord.period}: the year the record describes. */
    public String period(Map<String, String> v) {
        return switch (this) {
            case BUDGET, FACILITIES -> v.get("year");
            case VISITORS, VOLUNTEERS, EXPERIENCE -> v.get("periodStart").substring(0, 4);
        };
    }

    /** {@code RawRecord.areaCode}: the record's area, the municipality itself for budgets. */
    public String areaCode(Map<String, String> v, String municipality) {
        return this == BUDGET ? municipality : v.get("areaCode");
    }

    /** Lower case, runs of anything but letters and digits become one dash: "Vrijwilligers Kampen!" -> vrijwilligers-kampen. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-");
        s = s.replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "-" : s;
    }
}
