package nl.sobamo.deploy.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The unpacked Apicurio Registry distribution: a directory holding
 * {@code apicurio-registry-app-<version>-runner.jar} and its {@code lib/}.
 *
 * <p>The deploy module's build unpacks it into {@code deploy/target/apicurio}, next to
 * {@code deploy/target/sobamo-deploy-<version>.jar}. So unless a home is configured, it is
 * looked for next to the jar (or classes directory) this class was loaded from, then in
 * {@code deploy/target/apicurio} and {@code target/apicurio} under the working directory.
 *
 * @param dir       the distribution directory
 * @param runnerJar the Quarkus runner jar inside it
 */
public record ApicurioHome(Path dir, Path runnerJar) {

    static final String RUNNER_GLOB = "apicurio-registry-app-*-runner.jar";
    static final String BUILD_HINT = "./mvnw -B package -DskipTests";

    /**
     * The configured home, or the first standard location that holds a runner jar.
     *
     * @param configured the home from {@link PlatformConfig#apicurioHome()}, or null to search
     * @throws PlatformStartException naming the places searched and how to fix it
     */
    public static ApicurioHome locate(Path configured) {
        if (configured != null) {
            return at(configured).orElseThrow(() -> new PlatformStartException(
                    "No Apicurio Registry runner jar (" + RUNNER_GLOB + ") in " + configured
                            + ", which was configured with " + PlatformConfig.APICURIO_HOME + " / "
                            + PlatformConfig.environmentName(PlatformConfig.APICURIO_HOME)
                            + ". Point it at the unpacked distribution, or unset it and run `" + BUILD_HINT
                            + "` to unpack it into deploy/target/apicurio."));
        }
        List<Path> candidates = defaultCandidates(Path.of("").toAbsolutePath());
        for (Path candidate : candidates) {
            Optional<ApicurioHome> home = at(candidate);
            if (home.isPresent()) {
                return home.get();
            }
        }
        throw new PlatformStartException("Apicurio Registry not found; looked in " + candidates
                + ". Run `" + BUILD_HINT + "` in the project root (it unpacks the registry into "
                + "deploy/target/apicurio), or set " + PlatformConfig.APICURIO_HOME + " / "
                + PlatformConfig.environmentName(PlatformConfig.APICURIO_HOME)
                + " to an unpacked apicurio-registry-app distribution.");
    }

    /** The home at {@code dir}, if it holds exactly one runner jar. */
    static Optional<ApicurioHome> at(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            return Optional.empty();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(absolute, RUNNER_GLOB)) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + absolute, e);
        }
        if (jars.size() > 1) {
            throw new PlatformStartException("More than one Apicurio runner jar in " + absolute + ": " + jars
                    + "; remove the stale ones (e.g. `./mvnw -B clean package -DskipTests`)");
        }
        return jars.isEmpty() ? Optional.empty() : Optional.of(new ApicurioHome(absolute, jars.get(0)));
    }

    /** Next to the code's own jar or classes directory first, then relative to the working directory. */
    static List<Path> defaultCandidates(Path workingDir) {
        Set<Path> candidates = new LinkedHashSet<>();
        codeLocation().ifPresent(location -> {
            // target/sobamo-deploy-x.jar and target/classes both have target/ as parent.
            Path parent = location.getParent();
            if (parent != null) {
                candidates.add(parent.resolve("apicurio"));
            }
        });
        candidates.add(workingDir.resolve("deploy").resolve("target").resolve("apicurio"));
        candidates.add(workingDir.resolve("target").resolve("apicurio"));
        return List.copyOf(candidates);
    }

    private static Optional<Path> codeLocation() {
        CodeSource source = ApicurioHome.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty(); // not a plain file location (e.g. nested jar): use the other candidates
        }
    }
}
