package nl.sobamo.serde;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Finds the generated class a record is decoded into.
 *
 * <p>On Avro 1.12.1's trust list: {@code org.apache.avro.SERIALIZABLE_PACKAGES} (the fix for CVE-2024-47561) is
 * consulted only by {@code SpecificDatumReader.checkSecurity}, which runs solely for {@code java-class} /
 * {@code java-key-class} hints on string and map types of the <em>reader</em> schema. Generated SpecificRecord
 * classes are loaded through {@code SpecificData.getClass} with no such check, and our reader schema is always the
 * compiled {@code SCHEMA$} of a generated class, never a schema the registry sent. So decoding works whether or not
 * the property is set, and we leave that JVM-wide property alone instead of widening it behind the application's
 * back.
 *
 * <p>The one place a registry-supplied name does pick a class is resolving the target type from the writer
 * schema's full name. {@code Class.forName} runs static initialisers, so a hostile or mistaken schema could
 * initialise any class on the classpath; we therefore resolve only names in our own package or in packages the
 * operator trusted through Avro's properties.
 *
 * <p>Upgrade note: Avro 1.12.2 (AVRO-4189) moves the check into {@code ClassUtils.forName}, where it also guards
 * generated classes; applications would then need {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=nl.sobamo} (or
 * Avro's new {@code ClassSecurityValidator}). {@code AvroTrustedPackagesTest} fails on such an upgrade.
 */
final class SpecificRecordTypes {

    static final String OWN_PACKAGE = "nl.sobamo.";

    /** Classes and packages the operator trusted through Avro's own system properties, read once as Avro does. */
    private static final List<String> TRUSTED_CLASSES;
    private static final List<String> TRUSTED_PACKAGES;

    static {
        SpecificDatumReader<?> avroDefaults = new SpecificDatumReader<>();
        TRUSTED_CLASSES = List.copyOf(avroDefaults.getTrustedClasses());
        TRUSTED_PACKAGES = trustedPackages(avroDefaults);
    }

    private SpecificRecordTypes() {
    }

    /** Loads a class named in configuration; configuration is trusted, so no package check. */
    static Class<? extends SpecificRecord> fromConfig(String configKey, Object value) {
        if (value instanceof Class<?> c) {
            return requireSpecific(configKey, c);
        }
        String name = value.toString().trim();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return requireSpecific(configKey, Class.forName(name, true,
                    loader != null ? loader : SpecificRecordTypes.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new ConfigException(configKey, value, "class not found on the classpath");
        }
    }

    /**
     * The generated class whose name the writer schema carries.
     *
     * @throws SerializationException when the name is untrusted or no matching generated class exists
     */
    static Class<? extends SpecificRecord> fromWriterSchema(Schema writer, int schemaId, String typeConfigKey) {
        String name = writer.getFullName();
        if (writer.getType() != Schema.Type.RECORD) {
            throw new SerializationException("Schema id " + schemaId + " is a " + writer.getType()
                    + ", not a record; only generated SpecificRecord types can be deserialised");
        }
        if (!isTrusted(name)) {
            throw new SerializationException("Schema id " + schemaId + " names class " + name + ", which is neither"
                    + " in " + OWN_PACKAGE + "* nor trusted through -Dorg.apache.avro.SERIALIZABLE_CLASSES or"
                    + " -Dorg.apache.avro.SERIALIZABLE_PACKAGES; set " + typeConfigKey + " to the class to read into");
        }
        Class<?> type = SpecificData.get().getClass(writer);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new SerializationException("No generated SpecificRecord class " + name + " on the classpath for"
                    + " schema id " + schemaId + "; set " + typeConfigKey + " to the class to read it into");
        }
        return type.asSubclass(SpecificRecord.class);
    }

    private static boolean isTrusted(String fullName) {
        if (fullName.startsWith(OWN_PACKAGE) || TRUSTED_CLASSES.contains(fullName)) {
            return true;
        }
        // Avro stores each package with a trailing '.', and the wildcard "*" as is.
        return TRUSTED_PACKAGES.stream().anyMatch(p -> p.equals("*") || fullName.startsWith(p));
    }

    /**
     * Avro 1.12.1 deprecates the package list in favour of SERIALIZABLE_CLASSES, but an operator who set it has
     * still stated their trust, and honouring it keeps the two properties meaning the same for us as for Avro.
     */
    @SuppressWarnings("deprecation")
    private static List<String> trustedPackages(SpecificDatumReader<?> avroDefaults) {
        return List.copyOf(avroDefaults.getTrustedPackages());
    }

    private static Class<? extends SpecificRecord> requireSpecific(String configKey, Class<?> c) {
        if (!SpecificRecord.class.isAssignableFrom(c)) {
            throw new ConfigException(configKey, c.getName(), "not an Avro SpecificRecord (generated) class");
        }
        return c.asSubclass(SpecificRecord.class);
    }
}
