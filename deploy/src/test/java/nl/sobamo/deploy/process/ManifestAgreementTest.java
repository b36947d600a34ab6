package nl.sobamo.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose and Kubernetes manifests agree on mains, args and variable names; a drift is named precisely. */
class ManifestAgreementTest {

    private static final Path COMPOSE = Path.of("docker", "docker-compose.yml");
    private static final Path APPS = Path.of("k8s", "apps.yaml");

    @TempDir
    Path dir;

    @Test
    void theShippedManifestsAgree() {
        assertThat(ManifestAgreement.differences(ComposeManifest.read(COMPOSE), KubernetesManifest.read(APPS))).isEmpty();
        assertThat(KubernetesManifest.read(APPS).workload("sobamo-ingest").orElseThrow().args()).containsExactly("pull");
    }

    @Test
    void aDriftNamesServiceVariableAndManifest() throws IOException {
        String apps = Files.readString(APPS)
                .replace("{name: SOBAMO_PUSH_RECEIPTS_FILE,", "{name: SOBAMO_PUSH_RECEIPT_FILE,")
                .replace("{name: SOBAMO_AGGREGATE_HTTP_ADVERTISED_HOST, value: $(POD_IP)}", "{name: SOBAMO_AGGREGATE_HTTP_ADVERTISED_HOST, value: 0.0.0.0}")
                .replace("args: [\"pull\"]", "args: [\"serve\"]")
                .replace("value: nl.sobamo.push.PushApiMain", "value: nl.sobamo.push.Other");
        Path doctored = Files.writeString(dir.resolve("apps.yaml"), apps);

        assertThat(ManifestAgreement.differences(ComposeManifest.read(COMPOSE), KubernetesManifest.read(doctored)))
                .contains("push: SOBAMO_PUSH_RECEIPT_FILE is set in k8s (sobamo-push) but not in compose",
                        "push: SOBAMO_PUSH_RECEIPTS_FILE is set in compose but not in k8s (sobamo-push)",
                        "push: APP_MAIN is nl.sobamo.push.PushApiMain in compose but nl.sobamo.push.Other in k8s")
                .anySatisfy(p -> assertThat(p).startsWith("aggregate: SOBAMO_AGGREGATE_HTTP_ADVERTISED_HOST in k8s is 0.0.0.0, not the pod IP"))
                .hasSize(4); // ingest's args differ by design, whatever they are
    }
}
