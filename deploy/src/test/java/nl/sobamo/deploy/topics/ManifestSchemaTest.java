package nl.sobamo.deploy.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Kubernetes manifest validated against its kind's schema (no cluster here): minimal JSON schemas we keep in
 * {@code src/test/resources/schemas} (required fields, types, no unknown container fields), checked with
 * networknt json-schema-validator. A kind without a schema fails the test.
 */
class ManifestSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    @Test
    void everyManifestMatchesTheSchemaOfItsKind() throws IOException {
        List<String> problems = new ArrayList<>();
        int documents = 0;
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : documents(file)) {
                    documents++;
                    String kind = doc.path("kind").asText();
                    String where = file + " " + kind + "/" + doc.at("/metadata/name").asText();
                    try (InputStream schema = getClass().getResourceAsStream("/schemas/" + kind + ".json")) {
                        if (schema == null) {
                            problems.add(where + ": no schema for kind '" + kind + "'");
                            continue;
                        }
                        Set<ValidationMessage> errors = SCHEMAS.getSchema(schema).validate(doc);
                        errors.forEach(e -> problems.add(where + ": " + e.getMessage()));
                    }
                }
            }
        }
        assertThat(documents).isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void theSchemasRejectABrokenManifest() throws IOException {
        JsonNode broken = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: Bad_Name}
                spec:
                  replicas: two
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers:
                        - {name: x, image: x, readinessProbe: {httpGet: {path: health, port: 9400}}, envv: []}
                """);
        try (InputStream schema = getClass().getResourceAsStream("/schemas/Deployment.json")) {
            JsonSchema deployment = SCHEMAS.getSchema(schema);
            assertThat(deployment.validate(broken)).extracting(ValidationMessage::getMessage)
                    .anySatisfy(m -> assertThat(m).contains("replicas"))
                    .anySatisfy(m -> assertThat(m).contains("name"))
                    .anySatisfy(m -> assertThat(m).contains("path"))
                    .anySatisfy(m -> assertThat(m).contains("envv"));
        }
    }

    static List<JsonNode> documents(Path file) throws IOException {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream().filter(d -> d != null && !d.isNull() && !d.isEmpty()).toList();
        }
    }
}
