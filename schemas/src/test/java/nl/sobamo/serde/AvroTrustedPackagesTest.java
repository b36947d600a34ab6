package nl.sobamo.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The build passes {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=nl.sobamo} to tests, so only a separate JVM
 * without it shows how the serdes behave in an application that never heard of the property.
 */
class AvroTrustedPackagesTest {

    @Test
    void serdesWorkInAJvmWithoutTheAvroTrustProperty() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                TrustedPackagesProbe.class.getName()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("round trips ok without trusted packages");
    }
}
