package nl.sobamo.deploy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The harness starts services with what docker-compose.yml says, so it must read the anchors and merge keys there. */
class ComposeManifestTest {

    private final ComposeManifest manifest = ComposeManifest.read(Path.of("docker", "docker-compose.yml"));

    @Test
    void mergedEnvironmentGivesEveryServiceItsOwnMainAndTheSharedConnectionVariables() {
        var aggregate = manifest.service("aggregate").orElseThrow();
        var push = manifest.service("push").orElseThrow();

        assertThat(aggregate.mainClass()).isEqualTo("nl.sobamo.aggregate.app.AggregateApp");
        assertThat(manifest.service("normalize").orElseThrow().mainClass()).isEqualTo("nl.sobamo.normalize.app.NormalizeApp");
        assertThat(manifest.service("ingest").orElseThrow().mainClass()).isEqualTo("nl.sobamo.ingest.IngestApplication");
        assertThat(push.mainClass()).isEqualTo("nl.sobamo.push.PushApiMain");
        assertThat(aggregate.environment()).containsEntry("SOBAMO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsKey("SOBAMO_REGISTRY_URL").containsKey("SOBAMO_STREAMS_STATE_DIR").doesNotContainKey("<<");
        assertThat(push.environment()).containsEntry("SOBAMO_PUSH_HOST", "0.0.0.0").containsKey("SOBAMO_PUSH_KEYS_FILE");
        assertThat(manifest.service("ingest").orElseThrow().command()).as("the image's default: the bundled files").isEmpty();
    }

    @Test
    void replacingAVariableTheManifestDoesNotSetFails() {
        HarnessLayout layout = new HarnessLayout(Path.of("lib"), Path.of("conf"), Path.of("deploy.jar"),
                Path.of("docker", "docker-compose.yml"), Path.of("apicurio"));
        ServiceEnvironments environments = new ServiceEnvironments(manifest, layout, Path.of("run"));

        var command = environments.command("normalize", "normalize-2", Map.of("SOBAMO_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1234",
                "SOBAMO_OPS_PORT", "19400"), Map.of());

        assertThat(command.name()).isEqualTo("normalize-2");
        assertThat(command.environment()).containsEntry("SOBAMO_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1234")
                .containsEntry("SOBAMO_OPS_PORT", "19400");
        assertThat(command.commandLine()).endsWith("nl.sobamo.normalize.app.NormalizeApp").contains(Path.of("lib", "*").toString());
        assertThatThrownBy(() -> environments.command("normalize", "normalize", Map.of("SOBAMO_NOT_IN_MANIFEST", "x"), Map.of()))
                .hasMessageContaining("has no SOBAMO_NOT_IN_MANIFEST");
        assertThatThrownBy(() -> environments.command("normalize", "normalize", Map.of(), Map.of("SOBAMO_OPS_PORT", "1")))
                .hasMessageContaining("already sets SOBAMO_OPS_PORT");
    }
}
