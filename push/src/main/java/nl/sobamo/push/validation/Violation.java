package nl.sobamo.push.validation;

import java.util.Objects;

/**
 * One broken rule: which record (index in the batch, or row in a dropped file), which field, which rule, and a
 * sentence a municipality's data officer can act on. Messages never repeat a value that may be personal data.
 *
 * @param record index of the record in the request (0-based) or the data row in a file (1-based, header = row 0);
 *               -1 for the request as a whole
 * @param field  the field that broke the rule, or null when the rule concerns the whole record or request
 * @param rule   stable rule id, e.g. {@code type-integer}, {@code not-negative}, {@code personal-data-bsn}
 */
public record Violation(int record, String field, String rule, String message) {

    public static final int WHOLE_REQUEST = -1;

    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /** True for the rules of the personal data guard (answered with 422 and explained). */
    public boolean personalData() {
        return rule.startsWith("personal-data") || rule.equals("person-level");
    }
}
