package nl.sobamo.push.validation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a batch of pushed records of one dataset for one municipality. The batch is all or nothing: any violation
 * rejects it. Rules (rule ids in brackets, as reported to the client):
 *
 * <ul>
 *   <li>each record is a JSON object [type-object]; nested objects are flattened to dotted names, so
 *       {@code {"satisfied":{"positive":3}}} equals {@code {"satisfied.positive":3}}; arrays are not allowed [type-array];</li>
 *   <li>personal data guard first ({@link PersonalDataGuard}) [personal-data-bsn, personal-data-email,
 *       personal-data-field]; when it finds anything only those violations are reported;</li>
 *   <li>only the dataset's fields [unknown-field]; required fields present and not null [required];</li>
 *   <li>types [type-string, type-integer, type-number, type-boolean, type-date], formats [format-id,
 *       format-area-code, max-length, enum], ranges [not-negative, max, range-year, max-decimals]: the contract
 *       normalize enforces, so an accepted record is never dead-lettered there: every number at most
 *       {@link #MAX_NUMBER} (a finite double, normalize's ValueParser) with at most {@value #MAX_DECIMALS} decimals,
 *       not negative (normalize's units COUNT, HOURS, M2, FTE are >= 0), dates yyyy-MM-dd with a four-digit year
 *       and years {@value #MIN_YEAR}..{@value #MAX_YEAR} (normalize reads the period's first four characters);</li>
 *   <li>areas inside the municipality of the path [area-in-municipality];</li>
 *   <li>periods: periodEnd >= periodStart [period-order], both in one calendar year [period-one-year], not after
 *       today [not-in-future] (budgets: realised up to this year, budget up to next year; facilities: up to this
 *       year);</li>
 *   <li>visitors: uniqueVisitors <= visits [unique-le-visits]; experience: per statement the three answers add up
 *       to at most respondents [answers-le-respondents], a statement is given with all three answers or not at all
 *       [statement-complete], at least one statement [statement-required]; budget: exactly one of category and
 *       taakveld [category-or-taakveld];</li>
 *   <li>person-level records [person-level]: a count of exactly one person (visitors.uniqueVisitors = 1,
 *       volunteers.volunteers = 1) or fewer than {@value #MIN_RESPONDENTS} respondents (1..4) describes
 *       individuals, not aggregates;</li>
 *   <li>the same logical key twice in one batch [duplicate-key] (also what a one-row-per-person export looks like).</li>
 * </ul>
 */
public final class PushValidator {

    /** Smallest number of respondents whose tallies may be pushed (statistical small-cell rule); 0 is allowed. */
    public static final int MIN_RESPONDENTS = 5;
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern AREA = Pattern.compile("(GM)(\\d{4})|(WK)(\\d{4})[0-9A-Z]{2}|(BU)(\\d{4})[0-9A-Z]{4}");
    private static final int MAX_TEXT = 200;
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Years a record may describe; the not-in-future rules bound them by today as well. */
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;
    /** Largest number accepted: exact as a double (normalize reads doubles) and beyond any municipal figure. */
    public static final BigDecimal MAX_NUMBER = new BigDecimal("1000000000000000");
    /** Most decimals of a number (0.000001 m2 is no measurement; it also bounds the canonical text). */
    public static final int MAX_DECIMALS = 6;

    private final Clock clock;

    public PushValidator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ValidationResult validate(String municipality, Dataset dataset, List<JsonNode> records) {
        return validateRows(municipality, dataset, records, i -> i);
    }

    /**
     * As {@link #validate}, with the record numbers reported given by {@code numberOf} (index to number, e.g. the
     * spreadsheet row of a dropped file).
     */
    public ValidationResult validateRows(String municipality, Dataset dataset, List<JsonNode> records,
                                         IntUnaryOperator numberOf) {
        Set<String> amountFields = dataset.fields().stream().filter(f -> f.type() == FieldType.AMOUNT)
                .map(FieldSpec::name).collect(Collectors.toSet());
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            violations.addAll(PersonalDataGuard.scan(records.get(i), numberOf.applyAsInt(i), amountFields));
        }
        if (!violations.isEmpty()) {
            return new ValidationResult(violations, List.of());
        }
        List<ValidRecord> valid = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        for (int i = 0; i < records.size(); i++) {
            int number = numberOf.applyAsInt(i);
            List<Violation> own = new ArrayList<>();
            Map<String, String> canonical = check(municipality, dataset, records.get(i), number, today, own);
            if (own.isEmpty()) {
                String key = dataset.logicalKey(canonical);
                Integer first = seen.putIfAbsent(key, number);
                if (first != null) {
                    own.add(new Violation(number, null, "duplicate-key", "record " + number
                            + " has the same logical key as record " + first + " (" + key
                            + "); send one record per key (aggregate per-person rows first)"));
                } else {
                    canonical.put("municipalityCode", municipality);
                    valid.add(new ValidRecord(number, key, dataset.period(canonical),
                            dataset.areaCode(canonical, municipality), canonical));
                }
            }
            violations.addAll(own);
        }
        return violations.isEmpty() ? new ValidationResult(List.of(), valid) : new ValidationResult(violations, List.of());
    }

    private Map<String, String> check(String municipality, Dataset dataset, JsonNode record, int n, LocalDate today,
                                      List<Violation> out) {
        Map<String, String> canonical = new LinkedHashMap<>();
        if (record == null || !record.isObject()) {
            out.add(new Violation(n, null, "type-object", "record " + n + " must be a JSON object"));
            return canonical;
        }
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        flatten(record, null, flat, n, out);
        for (String name : flat.keySet()) {
            if (dataset.field(name).isEmpty()) {
                out.add(new Violation(n, name, "unknown-field", "field '" + name + "' is not a field of dataset '"
                        + dataset.id() + "'; allowed: " + dataset.fields().stream().map(FieldSpec::name).toList()));
            }
        }
        Map<String, Object> typed = new HashMap<>();
        for (FieldSpec spec : dataset.fields()) {
            JsonNode value = flat.get(spec.name());
            if (value == null || value.isNull()) {
                if (spec.required()) {
                    out.add(new Violation(n, spec.name(), "required", "field '" + spec.name() + "' is required ("
                            + spec.type().description() + ")"));
                }
                continue;
            }
            Object parsed = parse(spec, value, municipality, n, out);
            if (parsed != null) {
                typed.put(spec.name(), parsed);
                canonical.put(spec.name(), canonicalString(parsed));
            }
        }
        if (!out.isEmpty()) {
            return canonical;
        }
        crossRules(dataset, typed, n, today, out);
        if (dataset == Dataset.VISITORS || dataset == Dataset.VOLUNTEERS) {
            canonical.putIfAbsent("estimated", "false");
        }
        return canonical;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, JsonNode> flat, int n, List<Violation> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix == null ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                flatten(e.getValue(), name, flat, n, out);
            } else if (e.getValue().isArray()) {
                out.add(new Violation(n, name, "type-array", "field '" + name + "' must not be an array"));
            } else {
                flat.put(name, e.getValue());
            }
        }
    }

    private static Object parse(FieldSpec spec, JsonNode v, String municipality, int n, List<Violation> out) {
        String f = spec.name();
        switch (spec.type()) {
            case ID, TEXT, ENUM, AREA, DATE -> {
                if (!v.isTextual()) {
                    out.add(new Violation(n, f, spec.type() == FieldType.DATE ? "type-date" : "type-string",
                            "field '" + f + "' must be a JSON string (" + spec.type().description() + ")"));
                    return null;
                }
                String text = v.textValue().trim();
                return switch (spec.type()) {
                    case ID -> ID.matcher(text).matches() ? text
                            : fail(out, n, f, "format-id", "field '" + f + "' must be an " + FieldType.ID.description());
                    case TEXT -> text.isEmpty() || text.length() > MAX_TEXT
                            ? fail(out, n, f, "max-length", "field '" + f + "' must have 1 to " + MAX_TEXT + " characters")
                            : text;
                    case ENUM -> spec.values().contains(text.toLowerCase(Locale.ROOT)) ? text.toLowerCase(Locale.ROOT)
                            : fail(out, n, f, "enum", "field '" + f + "' must be one of " + spec.values());
                    case AREA -> area(text, municipality, n, f, out);
                    default -> date(text, n, f, out);
                };
            }
            case BOOLEAN -> {
                return v.isBoolean() ? (Object) v.booleanValue()
                        : fail(out, n, f, "type-boolean", "field '" + f + "' must be true or false");
            }
            default -> {
                if (!v.isNumber()) {
                    boolean integer = spec.type() == FieldType.COUNT || spec.type() == FieldType.YEAR;
                    return fail(out, n, f, integer ? "type-integer" : "type-number", "field '" + f
                            + "' must be a JSON number (" + spec.type().description() + ")");
                }
                BigDecimal raw = v.decimalValue();
                // bounds first, on the BigDecimal as parsed: 1e10000000 is 11 characters but printing or scaling
                // it would build ten million digits; and normalize reads every value as a finite double
                if (raw.compareTo(MAX_NUMBER) > 0) {
                    return fail(out, n, f, "max", "field '" + f + "' must be at most " + MAX_NUMBER.toPlainString());
                }
                if (raw.compareTo(MAX_NUMBER.negate()) < 0) {
                    return fail(out, n, f, "not-negative", "field '" + f + "' must not be negative");
                }
                BigDecimal number = raw.stripTrailingZeros();
                if (number.scale() > MAX_DECIMALS) {
                    return fail(out, n, f, "max-decimals", "field '" + f + "' has more than " + MAX_DECIMALS
                            + " decimals");
                }
                boolean integral = number.scale() <= 0;
                if ((spec.type() == FieldType.COUNT || spec.type() == FieldType.YEAR) && !integral) {
                    return fail(out, n, f, "type-integer", "field '" + f + "' must be a whole number");
                }
                if (spec.type() == FieldType.YEAR) {
                    return number.compareTo(BigDecimal.valueOf(MIN_YEAR)) < 0
                            || number.compareTo(BigDecimal.valueOf(MAX_YEAR)) > 0
                            ? fail(out, n, f, "range-year", "field '" + f + "' must be a year from " + MIN_YEAR + " to "
                                    + MAX_YEAR)
                            : (Object) number.intValueExact();
                }
                if (number.signum() < 0) {
                    return fail(out, n, f, "not-negative", "field '" + f + "' must not be negative");
                }
                if (spec.max() != null && number.compareTo(spec.max()) > 0) {
                    return fail(out, n, f, "max", "field '" + f + "' must be at most " + spec.max().toPlainString());
                }
                if (spec.type() == FieldType.COUNT) {
                    if (number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                        return fail(out, n, f, "max", "field '" + f + "' is too large");
                    }
                    return number.longValueExact();
                }
                return number;
            }
        }
    }

    private static Object area(String code, String municipality, int n, String f, List<Violation> out) {
        var m = AREA.matcher(code);
        if (!m.matches()) {
            return fail(out, n, f, "format-area-code", "field '" + f + "' must be a CBS code GM####, WK###### or"
                    + " BU######## (e.g. " + municipality + ", WK" + municipality.substring(2) + "01)");
        }
        String digits = m.group(2) != null ? m.group(2) : m.group(4) != null ? m.group(4) : m.group(6);
        if (!municipality.substring(2).equals(digits)) {
            return fail(out, n, f, "area-in-municipality", "field '" + f + "' (" + code + ") is not inside "
                    + municipality);
        }
        return code;
    }

    private static Object date(String text, int n, String f, List<Violation> out) {
        // LocalDate.parse alone takes -0001-01-01 and +10000-01-01: normalize reads the year from the first four
        // characters, so only four-digit years in the window can reach the tables
        if (!ISO_DATE.matcher(text).matches()) {
            return fail(out, n, f, "type-date", "field '" + f + "' must be an ISO date yyyy-MM-dd");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return fail(out, n, f, "type-date", "field '" + f + "' must be an ISO date yyyy-MM-dd");
        }
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            return fail(out, n, f, "range-year", "field '" + f + "' must be a date in the years " + MIN_YEAR + " to "
                    + MAX_YEAR);
        }
        return date;
    }

    private static Object fail(List<Violation> out, int n, String field, String rule, String message) {
        out.add(new Violation(n, field, rule, message));
        return null;
    }

    private static String canonicalString(Object value) {
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static void crossRules(Dataset dataset, Map<String, Object> t, int n, LocalDate today, List<Violation> out) {
        if (t.get("periodStart") instanceof LocalDate start && t.get("periodEnd") instanceof LocalDate end) {
            if (end.isBefore(start)) {
                out.add(new Violation(n, "periodEnd", "period-order", "periodEnd " + end + " is before periodStart " + start));
            } else if (start.getYear() != end.getYear()) {
                out.add(new Violation(n, "periodEnd", "period-one-year", "periodStart and periodEnd must lie in one"
                        + " calendar year (split the period per year)"));
            }
            if (end.isAfter(today)) {
                out.add(new Violation(n, "periodEnd", "not-in-future", "periodEnd " + end + " is in the future (today is "
                        + today + ")"));
            }
        }
        switch (dataset) {
            case BUDGET -> {
                boolean category = t.containsKey("category");
                boolean taakveld = t.containsKey("taakveld");
                if (category == taakveld) {
                    out.add(new Violation(n, "category", "category-or-taakveld", "give exactly one of 'category' and"
                            + " 'taakveld'"));
                }
                int year = (Integer) t.get("year");
                int latest = "budget".equals(t.get("kind")) ? today.getYear() + 1 : today.getYear();
                if (year > latest) {
                    out.add(new Violation(n, "year", "not-in-future", "a " + t.get("kind") + " for " + year
                            + " is in the future (latest year allowed: " + latest + ")"));
                }
            }
            case FACILITIES -> {
                int year = (Integer) t.get("year");
                if (year > today.getYear()) {
                    out.add(new Violation(n, "year", "not-in-future", "year " + year + " is in the future"));
                }
            }
            case VISITORS -> {
                long visits = (Long) t.get("visits");
                if (t.get("uniqueVisitors") instanceof Long unique) {
                    if (unique > visits) {
                        out.add(new Violation(n, "uniqueVisitors", "unique-le-visits", "uniqueVisitors (" + unique
                                + ") must not exceed visits (" + visits + ")"));
                    }
                    if (unique == 1) {
                        out.add(personLevel(n, "uniqueVisitors", "uniqueVisitors = 1 describes one person"));
                    }
                }
            }
            case VOLUNTEERS -> {
                if ((Long) t.get("volunteers") == 1) {
                    out.add(personLevel(n, "volunteers", "volunteers = 1 describes one person (their hours)"));
                }
            }
            case EXPERIENCE -> experience(t, n, out);
        }
    }

    private static void experience(Map<String, Object> t, int n, List<Violation> out) {
        long respondents = (Long) t.get("respondents");
        if (respondents > 0 && respondents < MIN_RESPONDENTS) {
            out.add(personLevel(n, "respondents", "answers of fewer than " + MIN_RESPONDENTS
                    + " respondents can be traced to individuals"));
        }
        int statements = 0;
        for (String statement : Dataset.STATEMENTS) {
            int given = 0;
            long sum = 0;
            for (String answer : Dataset.ANSWERS) {
                if (t.get(statement + "." + answer) instanceof Long count) {
                    given++;
                    sum += count;
                }
            }
            if (given == 0) {
                continue;
            }
            statements++;
            if (given < Dataset.ANSWERS.size()) {
                out.add(new Violation(n, statement, "statement-complete", "statement '" + statement
                        + "' needs all of " + statement + ".positive, .neutral and .negative"));
            } else if (sum > respondents) {
                out.add(new Violation(n, statement, "answers-le-respondents", "the answers to '" + statement + "' ("
                        + sum + ") exceed respondents (" + respondents + ")"));
            }
        }
        if (statements == 0) {
            out.add(new Violation(n, null, "statement-required", "give the answer counts of at least one statement"
                    + " (" + String.join(", ", Dataset.STATEMENTS) + ")"));
        }
    }

    private static Violation personLevel(int n, String field, String why) {
        return new Violation(n, field, "person-level", why + "; the monitor accepts aggregate figures only");
    }
}
