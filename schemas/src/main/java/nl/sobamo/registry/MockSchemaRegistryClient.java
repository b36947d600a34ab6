package nl.sobamo.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * In-memory registry for tests, behaving like Confluent's: ids are registry-wide and assigned sequentially from 1,
 * the same schema gets the same id under every subject, versions count per subject, and registration enforces the
 * subject's compatibility rule (default {@link CompatibilityLevel#BACKWARD}).
 *
 * <p>Obtain shared instances with {@code schema.registry.url=mock://<scope>} via
 * {@link SchemaRegistryClients#forConfig}; construct one directly only when nothing else needs to see it.
 */
public final class MockSchemaRegistryClient implements SchemaRegistryClient {

    // Confluent's error codes, so code that inspects them behaves the same against the mock.
    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int SCHEMA_NOT_FOUND = 40403;
    private static final int INCOMPATIBLE = 409;

    private final String location;
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<Schema>> versionsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel defaultLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    public MockSchemaRegistryClient() {
        this("mock://(unshared)");
    }

    MockSchemaRegistryClient(String location) {
        this.location = location;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        List<Schema> versions = versionsBySubject.getOrDefault(requireSubject(subject), List.of());
        if (versions.contains(schema)) {
            return idsBySchema.get(schema);
        }
        List<String> violations = CompatibilityRules.violations(effectiveLevel(subject), schema, versions);
        if (!violations.isEmpty()) {
            throw new IncompatibleSchemaException("Could not register schema " + schema.getFullName()
                    + " under subject '" + subject + "' at " + location + ": incompatible with "
                    + effectiveLevel(subject) + " rule: " + String.join(" | ", violations),
                    INCOMPATIBLE, INCOMPATIBLE);
        }
        int id = idsBySchema.computeIfAbsent(schema, s -> nextId++);
        schemasById.put(id, schema);
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(schema);
        return id;
    }

    @Override
    public synchronized int lookupId(String subject, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        List<Schema> versions = versionsOrThrow(subject);
        if (!versions.contains(schema)) {
            throw new SchemaNotFoundException("Schema " + schema.getFullName() + " is not registered under subject '"
                    + subject + "' at " + location, 404, SCHEMA_NOT_FOUND);
        }
        return idsBySchema.get(schema);
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("No schema with id " + id + " at " + location, 404, SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        List<Schema> versions = versionsOrThrow(subject);
        Schema latest = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, idsBySchema.get(latest), versions.size(), latest);
    }

    @Override
    public synchronized boolean testCompatibility(String subject, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        List<Schema> versions = versionsBySubject.getOrDefault(requireSubject(subject), List.of());
        return CompatibilityRules.violations(effectiveLevel(subject), schema, versions).isEmpty();
    }

    @Override
    public synchronized void setCompatibility(String subjectOrNull, CompatibilityLevel level) {
        Objects.requireNonNull(level, "level");
        if (subjectOrNull == null) {
            defaultLevel = level;
        } else {
            subjectLevels.put(subjectOrNull, level);
        }
    }

    @Override
    public synchronized CompatibilityLevel getCompatibility(String subjectOrNull) {
        return subjectOrNull == null ? defaultLevel : effectiveLevel(subjectOrNull);
    }

    /** State outlives close so that a serializer and deserializer sharing a scope do not wipe each other's ids. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "MockSchemaRegistryClient[" + location + "]";
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevels.getOrDefault(subject, defaultLevel);
    }

    private List<Schema> versionsOrThrow(String subject) {
        List<Schema> versions = versionsBySubject.get(requireSubject(subject));
        if (versions == null) {
            throw new SchemaNotFoundException("Subject '" + subject + "' not found at " + location, 404,
                    SUBJECT_NOT_FOUND);
        }
        return versions;
    }

    private static String requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        return subject;
    }
}
