package nl.sobamo.deploy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * The services of {@code deploy/docker/docker-compose.yml}: each one's {@code APP_MAIN} and environment, so the
 * harness starts every service with exactly the main class and variable names the manifest gives. Jackson's YAML
 * tree model leaves anchors, aliases and merge keys ({@code <<: *app-env}) unresolved, so this reads the token
 * stream and resolves them itself.
 */
public final class ComposeManifest {

    static final String MERGE_KEY = "<<";

    private final JsonNode services;

    private ComposeManifest(JsonNode root) {
        this.services = root.path("services");
    }

    public static ComposeManifest read(Path file) {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            parser.nextToken();
            return new ComposeManifest(new AnchorResolver(parser).node());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The environment and command of a service, merge keys applied, values as strings; empty when the service is
     * absent. The command is the service's {@code command} (the arguments after the image's entry point), empty when
     * the manifest leaves the image's default.
     */
    public Optional<ServiceEnvironment> service(String name) {
        JsonNode environment = services.path(name).path("environment");
        if (!environment.isObject()) {
            return Optional.empty();
        }
        Map<String, String> env = new LinkedHashMap<>();
        flatten(environment, env);
        String main = env.remove(ServiceEnvironment.APP_MAIN);
        if (main == null) {
            throw new IllegalStateException("service " + name + " has no APP_MAIN in the compose file");
        }
        List<String> command = new ArrayList<>();
        JsonNode declared = services.path(name).path("command");
        if (declared.isArray()) {
            declared.forEach(a -> command.add(a.asText()));
        } else if (declared.isTextual()) {
            command.addAll(List.of(declared.asText().trim().split("\\s+")));
        }
        return Optional.of(new ServiceEnvironment(name, main, env, command));
    }

    private static void flatten(JsonNode object, Map<String, String> into) {
        // merged maps first, so the service's own keys win, as YAML merge keys define
        JsonNode merged = object.get(MERGE_KEY);
        if (merged != null) {
            if (merged.isArray()) {
                merged.forEach(m -> flatten(m, into));
            } else {
                flatten(merged, into);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals(MERGE_KEY)) {
                into.put(e.getKey(), e.getValue().asText());
            }
        }
    }

    /** A service of the manifest: its main class, environment (without APP_MAIN) and command (arguments). */
    public record ServiceEnvironment(String service, String mainClass, Map<String, String> environment, List<String> command) {
        public static final String APP_MAIN = "APP_MAIN";

        public ServiceEnvironment {
            environment = Map.copyOf(environment);
            command = List.copyOf(command);
        }
    }

    /** Builds a tree from the YAML tokens, replacing each alias by the node its anchor names. */
    private static final class AnchorResolver {
        private final YAMLParser parser;
        private final Map<String, JsonNode> anchors = new HashMap<>();

        AnchorResolver(YAMLParser parser) {
            this.parser = parser;
        }

        /** Reads the node at the current token and leaves the parser on its last token. */
        JsonNode node() throws IOException {
            String anchor = parser.getObjectId();
            JsonToken token = parser.currentToken();
            JsonNode node;
            if (token == JsonToken.START_OBJECT) {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    object.set(field, node());
                }
                node = object;
            } else if (token == JsonToken.START_ARRAY) {
                var array = JsonNodeFactory.instance.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node());
                }
                node = array;
            } else if (parser.isCurrentAlias()) {
                node = anchors.get(parser.getText());
                if (node == null) {
                    throw new IOException("unknown YAML alias *" + parser.getText());
                }
            } else if (token == JsonToken.VALUE_NULL) {
                node = JsonNodeFactory.instance.nullNode();
            } else {
                node = JsonNodeFactory.instance.textNode(parser.getText());
            }
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }
    }
}
