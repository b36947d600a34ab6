package nl.sobamo.push.validation;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The aggregate-only guard: finds anything in a pushed record that looks like personal data. The caller rejects
 * the whole request (422) when this finds something, so nothing of it is stored. Messages name the field and the
 * rule but never repeat the value.
 *
 * <ul>
 *   <li>{@code personal-data-bsn}: nine digits that pass the BSN 11-proef, in any text, field name or whole number,
 *       except numbers in {@link FieldType#AMOUNT} fields (a budget of EUR 123,456,782 is not a BSN). Text is
 *       normalised first ({@link #digitText}): NFKC (full-width digits), any Unicode decimal digit read as its
 *       value, zero-width and other invisible format characters and combining marks removed; then digit groups
 *       separated by up to three separator characters (spaces of any kind, {@code . - _ / ,}, dashes) that together
 *       make exactly nine digits are tested, so {@code 111 222 333}, {@code 111-222-333}, {@code 1112.22.333} and
 *       {@code １１１２２２３３３} are all found;</li>
 *   <li>{@code personal-data-email}: an e-mail address anywhere;</li>
 *   <li>{@code personal-data-field}: a field whose name identifies a person (name, birth date, BSN, address, phone,
 *       e-mail, client number, ...), at any depth.</li>
 * </ul>
 * Person-level counts (a count of exactly one person) are checked by {@link PushValidator} (rule
 * {@code person-level}).
 */
public final class PersonalDataGuard {

    /** Most separator characters between two digit groups that still join them into one number. */
    private static final int MAX_SEPARATOR_RUN = 3;
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    /** Field names (lower case, letters only) that identify a person. */
    static final Set<String> PERSONAL_FIELD_NAMES = Set.of(
            "name", "naam", "fullname", "volledigenaam", "firstname", "voornaam", "voornamen", "lastname", "achternaam",
            "surname", "familienaam", "initials", "voorletters", "tussenvoegsel",
            "birthdate", "dateofbirth", "dob", "geboortedatum", "geboortejaar", "birthyear",
            "bsn", "burgerservicenummer", "sofinummer", "citizenservicenumber", "socialsecuritynumber",
            "email", "emailaddress", "emailadres", "mail", "mailadres",
            "phone", "phonenumber", "telephone", "telefoon", "telefoonnummer", "mobiel", "mobile",
            "address", "adres", "street", "straat", "straatnaam", "housenumber", "huisnummer",
            "clientid", "clientnummer", "clientnumber", "personid", "persoonsnummer", "patientid", "iban");

    /** Stands in for a field name that holds personal data, in the field of a violation. */
    public static final String REDACTED = "(field name withheld)";

    private PersonalDataGuard() {
    }

    /**
     * @param record        the record as received (nested objects and arrays are walked)
     * @param index         the record's index or row, copied into the violations
     * @param amountFields  top-level fields whose numbers are amounts and exempt from the BSN test
     */
    public static List<Violation> scan(JsonNode record, int index, Set<String> amountFields) {
        List<Violation> found = new ArrayList<>();
        walk(record, null, index, amountFields, found);
        return found;
    }

    /** True when the text holds nine digits passing the 11-proef, however spaced or spelled (see the class doc). */
    public static boolean containsBsn(String text) {
        String digits = digitText(text);
        List<String> groups = new ArrayList<>();
        int i = 0;
        int n = digits.length();
        while (i < n) {
            if (!isAsciiDigit(digits.charAt(i))) {
                i++;
                continue;
            }
            // one chain: digit groups joined by short separator runs
            groups.clear();
            while (true) {
                int start = i;
                while (i < n && isAsciiDigit(digits.charAt(i))) {
                    i++;
                }
                groups.add(digits.substring(start, i));
                int sep = i;
                while (sep < n && sep - i < MAX_SEPARATOR_RUN && isSeparator(digits.charAt(sep))) {
                    sep++;
                }
                if (sep > i && sep < n && isAsciiDigit(digits.charAt(sep))) {
                    i = sep;
                } else {
                    break;
                }
            }
            if (chainHasBsn(groups)) {
                return true;
            }
        }
        return false;
    }

    /** Consecutive groups of one chain that together have exactly nine digits. */
    private static boolean chainHasBsn(List<String> groups) {
        for (int from = 0; from < groups.size(); from++) {
            StringBuilder candidate = new StringBuilder();
            for (int to = from; to < groups.size() && candidate.length() < 9; to++) {
                candidate.append(groups.get(to));
                if (candidate.length() == 9 && Bsn.passesElevenTest(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The text as the BSN scan reads it: NFKC-normalised, every Unicode decimal digit as its ASCII digit, and
     * invisible characters (zero-width space and joiners, soft hyphen, byte order mark: Unicode format characters)
     * and combining marks removed, so they cannot hide a digit run.
     */
    static String digitText(String text) {
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(normalised.length());
        normalised.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                return;
            }
            if (type == Character.DECIMAL_DIGIT_NUMBER) {
                out.append((char) ('0' + Character.digit(cp, 10)));
                return;
            }
            out.appendCodePoint(cp);
        });
        return out.toString();
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '.' || c == '-' || c == '_' || c == '/'
                || c == ',' || Character.getType(c) == Character.DASH_PUNCTUATION;
    }

    public static boolean containsEmail(String text) {
        return EMAIL.matcher(text).find() || EMAIL.matcher(digitText(text)).find();
    }

    /** True for field names such as {@code naam}, {@code Birth_Date}, {@code e-mail} (last dotted segment). */
    public static boolean personalFieldName(String field) {
        String last = field.substring(field.lastIndexOf('.') + 1);
        String letters = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return PERSONAL_FIELD_NAMES.contains(letters);
    }

    private static void walk(JsonNode node, String path, int index, Set<String> amountFields, List<Violation> found) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                // a field name holding personal data is not repeated in the answer: it is named by position only
                boolean personalKey = containsBsn(key) || containsEmail(key);
                String child = (path == null ? "" : path + ".") + (personalKey ? REDACTED : key);
                if (personalKey) {
                    checkText(key, child, index, found, "the field name");
                } else if (personalFieldName(key)) {
                    found.add(new Violation(index, child, "personal-data-field", "field '" + child
                            + "' names a person-level attribute; the monitor accepts aggregate figures only"));
                }
                walk(e.getValue(), child, index, amountFields, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", index, amountFields, found);
            }
        } else if (node.isTextual()) {
            checkText(node.textValue(), path, index, found, "the value");
        } else if (node.isNumber()) {
            if (!amountFields.contains(path) && nineDigitWholeNumber(node.decimalValue())
                    && Bsn.passesElevenTest(node.decimalValue().toBigIntegerExact().toString())) {
                found.add(bsn(index, path, "the value"));
            }
        }
    }

    /** Decided on precision and scale, never by printing the number: 1e10000000 would print ten million digits. */
    private static boolean nineDigitWholeNumber(BigDecimal value) {
        BigDecimal d = value.stripTrailingZeros();
        return d.signum() > 0 && d.scale() <= 0 && d.precision() - d.scale() == 9;
    }

    private static void checkText(String text, String path, int index, List<Violation> found, String what) {
        if (containsBsn(text)) {
            found.add(bsn(index, path, what));
        }
        if (containsEmail(text)) {
            found.add(new Violation(index, path, "personal-data-email", what + " of field '" + path
                    + "' contains an e-mail address; the monitor accepts aggregate figures only"));
        }
    }

    private static Violation bsn(int index, String path, String what) {
        return new Violation(index, path, "personal-data-bsn", what + " of field '" + path
                + "' contains a nine-digit number that passes the BSN 11-proef; the monitor accepts aggregate"
                + " figures only");
    }
}
