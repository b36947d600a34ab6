package nl.sobamo.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject as the registry stores it.
 *
 * @param subject subject the version belongs to
 * @param id      registry-wide schema id, the one written into the Confluent wire format
 * @param version version number within the subject, starting at 1
 * @param schema  the parsed schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
