package nl.sobamo.push.validation;

import java.util.List;

/** Either violations (nothing may be stored) or the valid records of the whole batch. */
public record ValidationResult(List<Violation> violations, List<ValidRecord> records) {

    public ValidationResult {
        violations = List.copyOf(violations);
        records = List.copyOf(records);
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    /** True when any violation is one of the personal data guard's. */
    public boolean personalData() {
        return violations.stream().anyMatch(Violation::personalData);
    }
}
