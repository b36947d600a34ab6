package nl.sobamo.deploy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the harness finds what {@code ./mvnw -B package -DskipTests} built: the production image's classpath and
 * configuration ({@code deploy/target/image}), the runner jar (for the broker process, which is not in the image),
 * the compose manifest and the unpacked Apicurio distribution.
 */
public record HarnessLayout(Path imageLib, Path imageConf, Path runnerJar, Path composeFile, Path apicurioHome) {

    /** The layout of a built checkout rooted at {@code repo}. */
    public static HarnessLayout ofCheckout(Path repo) {
        Path deploy = repo.toAbsolutePath().normalize().resolve("deploy");
        Path target = deploy.resolve("target");
        return new HarnessLayout(target.resolve("image").resolve("lib"), target.resolve("image").resolve("conf"),
                runnerJar(target), deploy.resolve("docker").resolve("docker-compose.yml"), target.resolve("apicurio"));
    }

    /** Fails with a hint when the build has not run. */
    public HarnessLayout requireBuilt() {
        for (Path p : new Path[] {imageLib, imageConf, runnerJar, composeFile, apicurioHome}) {
            if (p == null || !Files.exists(p)) {
                throw new IllegalStateException("missing " + p + ": run ./mvnw -B package -DskipTests first");
            }
        }
        return this;
    }

    /** The classpath argument of the image's entry point: {@code lib/*}. */
    public String imageClasspath() {
        return imageLib.resolve("*").toString();
    }

    private static Path runnerJar(Path target) {
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("sobamo-deploy-.*\\.jar")
                            && !p.getFileName().toString().contains("-tests") && !p.getFileName().toString().contains("-sources"))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
