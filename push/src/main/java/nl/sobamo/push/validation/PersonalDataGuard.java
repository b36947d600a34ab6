package nl.sobamo.push.validation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The aggregate-only guard: finds anything in a pushed record that looks like personal data. The caller rejects
 * the whole request (422) when this finds something, so nothing of it is stored. Messages name the field and the
 * rule but never repeat the value.
 *
 * <ul>
 *   <li>{@code personal-data-bsn}: a run of exactly nine digits (or the written form {@code 1234.56.789}) that
 *       passes the BSN 11-proef, in any text, field name or whole number, except numbers in {@link FieldType#AMOUNT}
 *       fields (a budget of EUR 123,456,782 is not a BSN);</li>
 *   <li>{@code personal-data-email}: an e-mail address anywhere;</li>
 *   <li>{@code personal-data-field}: a field whose name identifies a person (name, birth date, BSN, address, phone,
 *       e-mail, client number, ...), at any depth.</li>
 * </ul>
 * Person-level counts (a count of exactly one person) are checked by {@link PushValidator} (rule
 * {@code person-level}).
 */
public final class PersonalDataGuard {

    private static final Pattern NINE_DIGITS = Pattern.compile("(?<![0-9])([0-9]{9})(?![0-9])");
    private static final Pattern WRITTEN_BSN = Pattern.compile("(?<![0-9])([0-9]{4})[. -]([0-9]{2})[. -]([0-9]{3})(?![0-9])");
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

    /** True when the text holds a nine-digit number passing the 11-proef (also written as 1234.56.789). */
    public static boolean containsBsn(String text) {
        Matcher m = NINE_DIGITS.matcher(text);
        while (m.find()) {
            if (Bsn.passesElevenTest(m.group(1))) {
                return true;
            }
        }
        Matcher w = WRITTEN_BSN.matcher(text);
        while (w.find()) {
            if (Bsn.passesElevenTest(w.group(1) + w.group(2) + w.group(3))) {
                return true;
            }
        }
        return false;
    }

    public static boolean containsEmail(String text) {
        return EMAIL.matcher(text).find();
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
                String child = path == null ? e.getKey() : path + "." + e.getKey();
                if (personalFieldName(e.getKey())) {
                    found.add(new Violation(index, child, "personal-data-field", "field '" + child
                            + "' names a person-level attribute; the monitor accepts aggregate figures only"));
                } else {
                    checkText(e.getKey(), child, index, found, "the field name");
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
            if (!amountFields.contains(path)) {
                String digits = node.decimalValue().stripTrailingZeros().toPlainString();
                if (Bsn.passesElevenTest(digits)) {
                    found.add(bsn(index, path, "the value"));
                }
            }
        }
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
