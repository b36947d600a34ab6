package nl.sobamo.push.validation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One field of a pushed dataset.
 *
 * @param values allowed values for {@link FieldType#ENUM}, else empty
 * @param max    inclusive upper bound for numbers, or null
 */
public record FieldSpec(String name, FieldType type, boolean required, List<String> values, BigDecimal max,
                        String description) {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
        Objects.requireNonNull(description, "description");
    }

    static FieldSpec required(String name, FieldType type, String description) {
        return new FieldSpec(name, type, true, List.of(), null, description);
    }

    static FieldSpec optional(String name, FieldType type, String description) {
        return new FieldSpec(name, type, false, List.of(), null, description);
    }

    static FieldSpec oneOf(String name, boolean required, List<String> values, String description) {
        return new FieldSpec(name, FieldType.ENUM, required, values, null, description);
    }

    FieldSpec max(long bound) {
        return new FieldSpec(name, type, required, values, BigDecimal.valueOf(bound), description);
    }
}
