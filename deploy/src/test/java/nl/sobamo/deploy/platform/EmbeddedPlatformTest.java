package nl.sobamo.deploy.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPlatformTest {

    @TempDir
    Path dir;

    @Test
    void aMissingRegistryDistributionFailsBeforeAnythingIsStarted() {
        PlatformConfig config = new PlatformConfig(dir, 0, 0, dir.resolve("no-apicurio"), Duration.ofSeconds(90));

        try (EmbeddedPlatform platform = new EmbeddedPlatform(config)) {
            assertThatThrownBy(platform::start)
                    .isInstanceOf(PlatformStartException.class)
                    .hasMessageContaining("./mvnw -B package -DskipTests");
            assertThatThrownBy(platform::bootstrapServers).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aClosedPlatformCannotBeStarted() {
        PlatformConfig config = new PlatformConfig(dir, 0, 0, null, Duration.ofSeconds(90));
        EmbeddedPlatform platform = new EmbeddedPlatform(config);
        platform.close();

        // Whether or not the distribution is found here, a closed platform must not start anything.
        assertThatThrownBy(platform::start).isInstanceOfAny(IllegalStateException.class, PlatformStartException.class);
        assertThatThrownBy(platform::bootstrapServers).isInstanceOf(IllegalStateException.class);
    }
}
