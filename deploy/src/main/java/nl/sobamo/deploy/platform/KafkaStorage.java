package nl.sobamo.deploy.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk layout of the embedded broker, and its one-time formatting.
 *
 * <pre>
 * &lt;root&gt;/cluster.id          the cluster id, kept so every restart validates against the same id
 * &lt;root&gt;/server.properties   the broker configuration of the current run
 * &lt;root&gt;/logs/               log.dirs: topic partitions
 * &lt;root&gt;/metadata/           metadata.log.dir: the KRaft __cluster_metadata log
 * </pre>
 *
 * <p>A KRaft node refuses to start on unformatted directories, so this runs
 * {@code kafka-storage format --ignore-formatted} in-process: {@link StorageTool#execute} is the
 * entry point of that very script. It is used rather than the {@code Formatter} class behind it
 * because it is the tool's stable command-line contract, and because {@code Formatter} lives in
 * kafka-metadata, which kafka_2.13 only brings in with runtime scope. Directories that are already
 * formatted are left alone, which is what makes a restart keep its topics and data.
 */
final class KafkaStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStorage.class);
    private static final String META_PROPERTIES = "meta.properties";

    private final Path root;

    KafkaStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path logDir() {
        return root.resolve("logs");
    }

    Path metadataDir() {
        return root.resolve("metadata");
    }

    Path clusterIdFile() {
        return root.resolve("cluster.id");
    }

    /** True when the metadata directory carries a meta.properties, i.e. a previous run formatted it. */
    boolean isFormatted() {
        return Files.isRegularFile(metadataDir().resolve(META_PROPERTIES));
    }

    /**
     * Makes sure the directories exist and are formatted, and returns the cluster id. Also writes
     * the configuration to {@code <root>/server.properties}, which is what the format tool reads
     * and lets a person inspect the current broker settings (e.g. with {@code kafka-storage info}).
     *
     * @param brokerProperties the configuration the broker will be started with
     */
    String prepare(Map<String, Object> brokerProperties) {
        try {
            Files.createDirectories(logDir());
            Files.createDirectories(metadataDir());
        } catch (IOException e) {
            throw new PlatformStartException("Cannot create Kafka data directories under " + root, e);
        }
        String clusterId = clusterId();
        Path configFile = writeConfig(brokerProperties);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // Exactly `kafka-storage format --config <file> --cluster-id <id> --ignore-formatted`:
            // formatted directories are validated (same cluster and node id) and kept, not wiped.
            exitCode = StorageTool.execute(new String[] {
                "format", "--config", configFile.toString(), "--cluster-id", clusterId, "--ignore-formatted"},
                printStream);
        } catch (RuntimeException e) {
            throw formatFailure(clusterId, e.getMessage(), e);
        }
        String toolOutput = output.toString(StandardCharsets.UTF_8).strip();
        if (exitCode != 0) {
            throw formatFailure(clusterId, "kafka-storage format exited with " + exitCode + ": " + toolOutput, null);
        }
        toolOutput.lines().filter(line -> !line.isBlank()).forEach(line -> LOG.debug("kafka-storage: {}", line));
        return clusterId;
    }

    private PlatformStartException formatFailure(String clusterId, String reason, Throwable cause) {
        return new PlatformStartException("Cannot format Kafka storage in " + root + " for cluster " + clusterId
                + ": " + reason + ". If the directory holds another cluster's data, delete it or choose another "
                + PlatformConfig.DATA_DIR, cause);
    }

    private Path writeConfig(Map<String, Object> brokerProperties) {
        Properties properties = new Properties();
        brokerProperties.forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
        Path file = root.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "Written by sobamo EmbeddedKafka on every start; edits are overwritten");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * The cluster id from {@code cluster.id}; else the one an earlier format wrote into
     * meta.properties (the file was lost but the data is there); else a new random id. Whatever is
     * found is written back to {@code cluster.id}.
     */
    private String clusterId() {
        Path file = clusterIdFile();
        try {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                return validated(id, file);
            }
            String id = clusterIdFromMetaProperties().orElseGet(() -> Uuid.randomUuid().toString());
            writeAtomically(file, id + System.lineSeparator());
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    private Optional<String> clusterIdFromMetaProperties() throws IOException {
        Path metaProperties = metadataDir().resolve(META_PROPERTIES);
        if (!Files.isRegularFile(metaProperties)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            properties.load(in);
        }
        return Optional.ofNullable(properties.getProperty("cluster.id")).map(id -> validated(id.trim(), metaProperties));
    }

    private static String validated(String id, Path source) {
        try {
            Uuid.fromString(id);
            return id;
        } catch (IllegalArgumentException e) {
            throw new PlatformStartException("Invalid Kafka cluster id '" + id + "' in " + source
                    + "; expected a base64 UUID as written by kafka-storage random-uuid", e);
        }
    }

    /** Write-then-rename, so a crash never leaves a half-written id behind. */
    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
