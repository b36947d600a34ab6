package nl.sobamo.deploy.process;

import nl.sobamo.aggregate.app.QueryApiSettings;
import nl.sobamo.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.sobamo.deploy.process.ComposeManifest.ServiceEnvironment;
import nl.sobamo.deploy.process.KubernetesManifest.EnvVar;
import nl.sobamo.deploy.process.KubernetesManifest.Workload;

/**
 * Compose and Kubernetes run the same services the same way: per service the same main class, the same arguments
 * and the same set of {@code SOBAMO_*} variable names, except for the differences listed in {@link #ALLOWED} (and in
 * docs/operations.md, "Compose and Kubernetes"). Values differ by nature (container names, volumes, the pod IP) and
 * are not compared, except that the advertised query host must come from the downward API's pod IP in Kubernetes.
 */
public final class ManifestAgreement {

    /** The compose services and their Kubernetes workload ({@code sobamo-<service>}). */
    public static final List<String> SERVICES = List.of(PipelineProcesses.NORMALIZE, PipelineProcesses.AGGREGATE,
            PipelineProcesses.PUSH, PipelineProcesses.INGEST);
    public static final String ARGS = "args";
    private static final Pattern REFERENCE = Pattern.compile("^\\$\\((\\w+)\\)$");

    /** A difference between the manifests that is intended: the service, a variable name or {@code args}, why. */
    public record AllowedDifference(String service, String what, String why) {
    }

    public static final List<AllowedDifference> ALLOWED = List.of(
            new AllowedDifference(PipelineProcesses.INGEST, ARGS,
                    "the CronJob pulls open data (pull); compose runs the image's default, the two bundled files"),
            new AllowedDifference(PipelineProcesses.INGEST, "SOBAMO_INGEST_OPENDATA_MODE",
                    "the CronJob pulls live; compose pulls nothing"));

    private ManifestAgreement() {
    }

    public static String workloadOf(String service) {
        return "sobamo-" + service;
    }

    /** Every disagreement not allowed, one line each naming service, manifest and variable; empty when they agree. */
    public static List<String> differences(ComposeManifest compose, KubernetesManifest k8s) {
        List<String> problems = new ArrayList<>();
        for (String service : SERVICES) {
            ServiceEnvironment c = compose.service(service).orElse(null);
            Workload k = k8s.workload(workloadOf(service)).orElse(null);
            if (c == null || k == null) {
                problems.add(service + ": " + (c == null ? "no service in docker-compose.yml" : "")
                        + (c == null && k == null ? ", " : "") + (k == null ? "no workload " + workloadOf(service) + " in apps.yaml" : ""));
                continue;
            }
            if (!Objects.equals(c.mainClass(), k.mainClass())) {
                problems.add(service + ": APP_MAIN is " + c.mainClass() + " in compose but " + k.mainClass() + " in k8s");
            }
            if (!c.command().equals(k.args()) && !allowed(service, ARGS)) {
                problems.add(service + ": arguments are " + c.command() + " in compose (command) but " + k.args()
                        + " in k8s (args)");
            }
            Set<String> composeNames = sobamoNames(c.environment().keySet());
            Set<String> k8sNames = sobamoNames(k.environment().keySet());
            for (String name : difference(k8sNames, composeNames)) {
                if (!allowed(service, name)) {
                    problems.add(service + ": " + name + " is set in k8s (" + workloadOf(service) + ") but not in compose");
                }
            }
            for (String name : difference(composeNames, k8sNames)) {
                if (!allowed(service, name)) {
                    problems.add(service + ": " + name + " is set in compose but not in k8s (" + workloadOf(service) + ")");
                }
            }
            for (AllowedDifference d : ALLOWED) {
                if (d.service().equals(service) && !d.what().equals(ARGS)
                        && composeNames.contains(d.what()) == k8sNames.contains(d.what())) {
                    problems.add(service + ": " + d.what() + " is listed as a difference but "
                            + (composeNames.contains(d.what()) ? "both set it" : "neither sets it") + "; drop it from the list");
                }
            }
            if (service.equals(PipelineProcesses.AGGREGATE)) {
                problems.addAll(advertisedFromPodIp(k));
            }
        }
        return problems;
    }

    /** In a cluster other instances forward to the advertised host: it must be the pod IP, from the downward API. */
    private static List<String> advertisedFromPodIp(Workload k) {
        EnvVar advertised = k.environment().get(Settings.envName(QueryApiSettings.ADVERTISED_HOST));
        if (advertised == null) {
            return List.of(); // reported as a missing name already
        }
        if ("status.podIP".equals(advertised.fieldPath())) {
            return List.of();
        }
        Matcher ref = REFERENCE.matcher(String.valueOf(advertised.value()));
        EnvVar target = ref.matches() ? k.environment().get(ref.group(1)) : null;
        if (target != null && "status.podIP".equals(target.fieldPath())) {
            return List.of();
        }
        return List.of(PipelineProcesses.AGGREGATE + ": " + Settings.envName(QueryApiSettings.ADVERTISED_HOST) + " in k8s is "
                + advertised.value() + ", not the pod IP from the downward API (fieldRef status.podIP); other replicas could not forward to it");
    }

    private static boolean allowed(String service, String what) {
        return ALLOWED.stream().anyMatch(d -> d.service().equals(service) && d.what().equals(what));
    }

    private static Set<String> sobamoNames(Set<String> names) {
        Set<String> s = new TreeSet<>();
        names.stream().filter(n -> n.startsWith("SOBAMO_")).forEach(s::add);
        return s;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
