package nl.sobamo.registry;

import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API that the sobamo serdes and tooling need. Apicurio's
 * {@code /apis/ccompat/v7} endpoint speaks the same dialect, so one client serves both registries.
 *
 * <p>Implementations are thread-safe: Kafka Streams shares one serde, and therefore one client, between all
 * stream threads. Failures surface as {@link SchemaRegistryException} or one of its subclasses.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers {@code schema} under {@code subject} (a no-op returning the existing id when it is already
     * registered there).
     *
     * @return the registry-wide schema id
     * @throws IncompatibleSchemaException when the subject's compatibility rule rejects the schema
     */
    int register(String subject, Schema schema);

    /**
     * Finds the id of {@code schema} under {@code subject} without registering it; used when producers may not
     * register schemas themselves.
     *
     * @throws SchemaNotFoundException when the subject does not exist or does not contain the schema
     */
    int lookupId(String subject, Schema schema);

    /**
     * Fetches the schema with the given registry-wide id, as needed to decode a record written by someone else.
     *
     * @throws SchemaNotFoundException when no schema has that id
     */
    Schema getById(int id);

    /**
     * @throws SchemaNotFoundException when the subject has no versions
     */
    RegisteredSchema getLatest(String subject);

    /**
     * Tells whether {@code schema} could be registered as the next version of {@code subject}. A subject without
     * versions accepts any schema.
     */
    boolean testCompatibility(String subject, Schema schema);

    /**
     * Sets the compatibility rule of one subject, or the registry-wide default when {@code subjectOrNull} is null.
     */
    void setCompatibility(String subjectOrNull, CompatibilityLevel level);

    /**
     * Returns the rule in force: the subject's own rule, or the registry-wide default when the subject has none or
     * {@code subjectOrNull} is null.
     */
    CompatibilityLevel getCompatibility(String subjectOrNull);

    /** Narrowed so callers need not handle a checked exception. */
    @Override
    void close();
}
