package nl.sobamo.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.sobamo.retry.Sleeper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} speaking the Confluent REST API over HTTP, e.g. to Apicurio's
 * {@code /apis/ccompat/v7}.
 *
 * <p>Schema ids are immutable in every Confluent-compatible registry, so ids and schemas are cached forever: after
 * the first record of a type, serialising and deserialising never touch the network. Latest versions and
 * compatibility answers change over time and are never cached.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryConfig config;
    private final RegistryHttp http;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    /** Avro's {@link Schema#equals} ignores docs but not defaults or properties, which is what ids depend on. */
    private record SubjectSchema(String subject, Schema schema) {
    }

    public RestSchemaRegistryClient(RegistryConfig config) {
        this(config, Sleeper.REAL_TIME);
    }

    RestSchemaRegistryClient(RegistryConfig config, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        if (config.isMock()) {
            throw new IllegalArgumentException(config.baseUrl() + " is an in-memory registry; use "
                    + SchemaRegistryClients.class.getSimpleName() + ".forConfig");
        }
        this.http = new RegistryHttp(config, sleeper);
    }

    public RegistryConfig config() {
        return config;
    }

    @Override
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, () -> registerUncached(subject, schema));
    }

    private int registerUncached(String subject, Schema schema) {
        // Holding a map lock across a slow, retried HTTP call would stall unrelated keys; at worst two threads
        // register the same schema concurrently, which the registry answers with the same id.
        String action = "register schema " + schema.getFullName() + " under subject '" + subject + "'";
        JsonNode answer;
        try {
            answer = call("POST", subjectPath(subject) + "/versions", schemaBody(schema), action);
        } catch (IncompatibleSchemaException e) {
            if (!isCreationRace(e)) {
                throw e;
            }
            // Apicurio 2.6 answers 409 "artifact already exists" to all but one of several clients that create
            // a new subject at the same moment; by now the subject exists, so registering again is answered
            // with the id (or a real incompatibility).
            answer = call("POST", subjectPath(subject) + "/versions", schemaBody(schema), action);
        }
        return requiredInt(answer, "id", "register under subject '" + subject + "'");
    }

    private static boolean isCreationRace(IncompatibleSchemaException e) {
        String message = e.getMessage();
        return message != null && message.contains("already exists");
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        return cachedId(subject, schema, () -> requiredInt(call("POST", subjectPath(subject), schemaBody(schema),
                "look up schema " + schema.getFullName() + " under subject '" + subject + "'"),
                "id", "look up under subject '" + subject + "'"));
    }

    /** The id of {@code schema} under {@code subject}: from the cache, else asked of the registry and remembered. */
    private int cachedId(String subject, Schema schema, IntSupplier askRegistry) {
        SubjectSchema key = new SubjectSchema(requireSubject(subject), Objects.requireNonNull(schema, "schema"));
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        int id = askRegistry.getAsInt();
        remember(key, id);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String what = "fetch schema id " + id;
        JsonNode answer = call("GET", "/schemas/ids/" + id, null, what);
        Schema schema = parse(requiredText(answer, "schema", what), what);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        String what = "fetch latest version of subject '" + requireSubject(subject) + "'";
        JsonNode answer = call("GET", subjectPath(subject) + "/versions/latest", null, what);
        int id = requiredInt(answer, "id", what);
        Schema schema = getByIdOrParse(id, requiredText(answer, "schema", what), what);
        return new RegisteredSchema(subject, id, requiredInt(answer, "version", what), schema);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        String what = "test compatibility of " + schema.getFullName() + " with subject '"
                + requireSubject(subject) + "'";
        try {
            JsonNode answer = call("POST", "/compatibility" + subjectPath(subject) + "/versions/latest",
                    schemaBody(schema), what);
            JsonNode verdict = answer.get("is_compatible");
            if (verdict == null || !verdict.isBoolean()) {
                throw new SchemaRegistryException("Schema registry answered without 'is_compatible' when asked to "
                        + what + " at " + config.baseUrl() + ": " + answer, SchemaRegistryException.UNKNOWN,
                        SchemaRegistryException.UNKNOWN);
            }
            return verdict.booleanValue();
        } catch (SchemaNotFoundException e) {
            // Nothing registered yet: the first version of a subject is compatible by definition.
            return true;
        }
    }

    @Override
    public void setCompatibility(String subjectOrNull, CompatibilityLevel level) {
        Objects.requireNonNull(level, "level");
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        call("PUT", configPath(subjectOrNull), body.toString(),
                "set compatibility " + level + " for " + scopeName(subjectOrNull));
    }

    @Override
    public CompatibilityLevel getCompatibility(String subjectOrNull) {
        String what = "get compatibility of " + scopeName(subjectOrNull);
        JsonNode answer;
        try {
            answer = call("GET", configPath(subjectOrNull), null, what);
        } catch (SchemaNotFoundException e) {
            if (subjectOrNull == null) {
                throw e;
            }
            // Confluent answers 404 (40408) for a subject without its own rule; the registry default then applies.
            return getCompatibility(null);
        }
        // Confluent answers {"compatibilityLevel": ...}, the PUT body and some registries use {"compatibility": ...}.
        JsonNode level = answer.hasNonNull("compatibilityLevel") ? answer.get("compatibilityLevel")
                : answer.get("compatibility");
        if (level == null || !level.isTextual()) {
            throw new SchemaRegistryException("Schema registry answered without a compatibility level when asked to "
                    + what + " at " + config.baseUrl() + ": " + answer, SchemaRegistryException.UNKNOWN,
                    SchemaRegistryException.UNKNOWN);
        }
        return CompatibilityLevel.parse(level.asText());
    }

    /** Nothing to release: Java 17's HttpClient frees its threads once unreachable, and the caches are heap only. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient[" + config.baseUrl() + "]";
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.putIfAbsent(key, id);
        // A producer's own schema is what a consumer in the same process will ask for next.
        schemasById.putIfAbsent(id, key.schema());
    }

    private Schema getByIdOrParse(int id, String schemaText, String what) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema parsed = parse(schemaText, what);
        Schema raced = schemasById.putIfAbsent(id, parsed);
        return raced != null ? raced : parsed;
    }

    private JsonNode call(String method, String path, String body, String what) {
        RegistryHttp.Response response = http.send(method, path, body, what);
        if (!response.isSuccess()) {
            throw RegistryErrors.toException(response, what);
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException("Schema registry answered with invalid JSON when asked to " + what
                    + " [" + response.method() + " " + response.uri() + "]: "
                    + RegistryHttp.abbreviate(response.body()), response.status(), SchemaRegistryException.UNKNOWN, e);
        }
    }

    private String schemaBody(Schema schema) {
        // No "schemaType": AVRO is the default everywhere, and older registries reject the field.
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private Schema parse(String text, String what) {
        try {
            // A fresh parser per schema: a Parser remembers named types and would reject a second definition.
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("Schema registry returned an unparseable Avro schema when asked to "
                    + what + " at " + config.baseUrl() + ": " + e.getMessage(), SchemaRegistryException.UNKNOWN,
                    SchemaRegistryException.UNKNOWN, e);
        }
    }

    private int requiredInt(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw missingField(answer, field, what);
        }
        return value.intValue();
    }

    private String requiredText(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.isTextual()) {
            throw missingField(answer, field, what);
        }
        return value.textValue();
    }

    private SchemaRegistryException missingField(JsonNode answer, String field, String what) {
        return new SchemaRegistryException("Schema registry answer lacks '" + field + "' when asked to " + what
                + " at " + config.baseUrl() + ": " + RegistryHttp.abbreviate(answer.toString()),
                SchemaRegistryException.UNKNOWN, SchemaRegistryException.UNKNOWN);
    }

    private static String subjectPath(String subject) {
        return "/subjects/" + encodePathSegment(subject);
    }

    private static String configPath(String subjectOrNull) {
        return subjectOrNull == null ? "/config" : "/config/" + encodePathSegment(subjectOrNull);
    }

    private static String scopeName(String subjectOrNull) {
        return subjectOrNull == null ? "the registry default" : "subject '" + subjectOrNull + "'";
    }

    /** URLEncoder targets form bodies, where a space is '+'; in a path '+' is literal, so spaces must be %20. */
    private static String encodePathSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        return subject;
    }
}
