package nl.sobamo.deploy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * The workloads of {@code deploy/k8s/apps.yaml} (Deployments, StatefulSets, CronJobs): for each its first container's
 * {@code APP_MAIN}, {@code args} and environment, ConfigMaps referenced by {@code envFrom} resolved, so they can be
 * compared with the compose manifest ({@link ManifestAgreement}).
 */
public final class KubernetesManifest {

    private final Map<String, Workload> workloads;

    private KubernetesManifest(Map<String, Workload> workloads) {
        this.workloads = workloads;
    }

    public static KubernetesManifest read(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            for (JsonNode doc : yaml.readValues(parser, JsonNode.class).readAll()) {
                if (doc != null && doc.isObject()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, JsonNode> configMaps = new LinkedHashMap<>();
        docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
                .forEach(d -> configMaps.put(d.at("/metadata/name").asText(), d.path("data")));
        Map<String, Workload> workloads = new LinkedHashMap<>();
        for (JsonNode doc : docs) {
            String kind = doc.path("kind").asText();
            JsonNode podSpec = switch (kind) {
                case "Deployment", "StatefulSet" -> doc.at("/spec/template/spec");
                case "CronJob" -> doc.at("/spec/jobTemplate/spec/template/spec");
                default -> null;
            };
            if (podSpec == null) {
                continue;
            }
            String name = doc.at("/metadata/name").asText();
            JsonNode container = podSpec.path("containers").path(0);
            Map<String, EnvVar> env = new LinkedHashMap<>();
            for (JsonNode from : container.path("envFrom")) {
                String cm = from.at("/configMapRef/name").asText();
                JsonNode data = configMaps.get(cm);
                if (data == null) {
                    throw new IllegalStateException(name + " takes its environment from ConfigMap " + cm + ", which "
                            + file + " does not define");
                }
                data.fields().forEachRemaining(e -> env.put(e.getKey(), new EnvVar(e.getKey(), e.getValue().asText(), null)));
            }
            for (JsonNode e : container.path("env")) {
                JsonNode fieldRef = e.at("/valueFrom/fieldRef/fieldPath");
                env.put(e.path("name").asText(), new EnvVar(e.path("name").asText(),
                        e.has("value") ? e.path("value").asText() : null, fieldRef.isMissingNode() ? null : fieldRef.asText()));
            }
            List<String> args = new ArrayList<>();
            container.path("args").forEach(a -> args.add(a.asText()));
            EnvVar main = env.remove(ComposeManifest.ServiceEnvironment.APP_MAIN);
            workloads.put(name, new Workload(name, kind, main == null ? null : main.value(), args, env));
        }
        return new KubernetesManifest(workloads);
    }

    public Optional<Workload> workload(String name) {
        return Optional.ofNullable(workloads.get(name));
    }

    /** A workload's container: kind, main class ({@code APP_MAIN}, null when unset), args and env (without APP_MAIN). */
    public record Workload(String name, String kind, String mainClass, List<String> args, Map<String, EnvVar> environment) {
        public Workload {
            args = List.copyOf(args);
            environment = Map.copyOf(environment);
        }
    }

    /** A variable: a literal value (may reference others as {@code $(NAME)}), or a downward-API field path. */
    public record EnvVar(String name, String value, String fieldPath) {
    }
}
