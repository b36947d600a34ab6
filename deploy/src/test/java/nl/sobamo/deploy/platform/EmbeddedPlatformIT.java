package nl.sobamo.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded platform with the real broker and the real registry distribution (whose location
 * failsafe passes in {@code sobamo.registry.apicurio.home}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedPlatformIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SCHEMA_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final String SCHEMA_V1 = """
            {"type": "record", "name": "Measurement", "namespace": "nl.sobamo.it",
             "fields": [{"name": "municipality", "type": "string"}]}""";
    /** Adds a field without a default: data written with v1 cannot be read with it, so not BACKWARD. */
    private static final String SCHEMA_INCOMPATIBLE = """
            {"type": "record", "name": "Measurement", "namespace": "nl.sobamo.it",
             "fields": [{"name": "municipality", "type": "string"}, {"name": "value", "type": "double"}]}""";

    @TempDir
    static Path dataDir;

    private EmbeddedPlatform platform;

    @BeforeAll
    void startPlatform() {
        platform = new EmbeddedPlatform(configFor(dataDir)).start();
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void transactionsWorkOnTheSingleNode() throws Exception {
        String topic = "it-transactions";
        createTopic(topic);

        try (KafkaProducer<String, String> producer = transactionalProducer("it-tx")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted")).get();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed")).get();
            producer.commitTransaction();
        }

        // read_committed must skip the aborted record: proof the transaction coordinator works.
        assertThat(readCommittedValues(platform.bootstrapServers(), topic, 1)).containsExactly("committed");
    }

    @Test
    void registryServesTheConfluentApiWithBackwardCompatibility() throws Exception {
        String subjectUrl = platform.registryUrl() + "/subjects/it-measurement-value/versions";

        HttpResponse<String> registered = postSchema(subjectUrl, SCHEMA_V1);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(JSON.readTree(registered.body()).path("id").isInt()).as(registered.body()).isTrue();

        HttpResponse<String> config = HTTP.send(HttpRequest.newBuilder(URI.create(platform.registryUrl() + "/config"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(config.body()).path("compatibilityLevel").asText()).isEqualTo("BACKWARD");

        HttpResponse<String> rejected = postSchema(subjectUrl, SCHEMA_INCOMPATIBLE);
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(409);
    }

    @Test
    void aSecondPlatformOnTheSameDataDirIsRefusedAndTheFirstKeepsRunning() throws Exception {
        EmbeddedPlatform second = new EmbeddedPlatform(configFor(dataDir));
        assertThatThrownBy(second::start).isInstanceOf(PlatformStartException.class)
                .hasMessageContaining(dataDir.toAbsolutePath().normalize().toString())
                .hasMessageContaining("--data-dir");
        second.close();

        // the first platform's registry was not taken for an orphan and stopped, and its broker still answers
        HttpResponse<String> config = HTTP.send(HttpRequest.newBuilder(URI.create(platform.registryUrl() + "/config"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
            assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isEqualTo(platform.kafka().clusterId());
        }
    }

    @Test
    void restartOnTheSameDataDirKeepsTopicsRecordsAndSchemas() throws Exception {
        String topic = "it-durable";
        createTopic(topic);
        try (KafkaProducer<String, String> producer = transactionalProducer("it-durable-tx")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "survives")).get();
            producer.commitTransaction();
        }
        HttpResponse<String> registered = postSchema(
                platform.registryUrl() + "/subjects/it-durable-value/versions", SCHEMA_V1);
        int schemaId = JSON.readTree(registered.body()).path("id").asInt();
        String clusterId = platform.kafka().clusterId();

        platform.close();
        platform = new EmbeddedPlatform(configFor(dataDir)).start();

        assertThat(platform.kafka().clusterId()).isEqualTo(clusterId);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
        }
        assertThat(readCommittedValues(platform.bootstrapServers(), topic, 1)).containsExactly("survives");

        // The registry's H2 database is a file under the data dir, so the schema keeps its id.
        HttpResponse<String> latest = HTTP.send(HttpRequest.newBuilder(
                URI.create(platform.registryUrl() + "/subjects/it-durable-value/versions/latest")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(latest.statusCode()).as(latest.body()).isEqualTo(200);
        assertThat(JSON.readTree(latest.body()).path("id").asInt()).isEqualTo(schemaId);
    }

    private static PlatformConfig configFor(Path dataDir) {
        Properties overrides = new Properties();
        overrides.setProperty(PlatformConfig.DATA_DIR, dataDir.toString());
        return PlatformConfig.fromEnvironment(overrides);
    }

    private void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** Reads as a fresh consumer group until {@code expected} records arrived (or Awaitility gives up). */
    private static List<String> readCommittedValues(String bootstrapServers, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30))
                    .pollInSameThread() // KafkaConsumer belongs to one thread
                    .until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            values.add(record.value());
                        }
                        return values.size() >= expected;
                    });
        }
        return values;
    }

    private static HttpResponse<String> postSchema(String url, String avroSchema) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("schemaType", "AVRO").put("schema", avroSchema).toString();
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", SCHEMA_CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
