package nl.sobamo.aggregate.app;

import static nl.sobamo.aggregate.fixtures.TestObservations.area;
import static nl.sobamo.aggregate.fixtures.TestObservations.inhabitants;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3Lasten61;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3LastenTotal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sobamo.aggregate.bench.PipelineTopics;
import nl.sobamo.aggregate.change.ProfileProcessor;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.query.Json;
import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.aggregate.stream.AggregateTopics;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.IndicatorChange;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.Sphere;
import nl.sobamo.testkit.kafka.TestKafkaCluster;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the aggregate app against a real in-JVM KRaft broker: exactly-once processing, the global
 * area reference, the app-created output topics, and the query API answering for partitions the other
 * instance owns (metadata-based forwarding).
 */
class AggregateAppIT {

    private static final String PER_INHABITANT = "iv3.lasten.6.1.per_inhabitant";
    private static final String REGISTRY = "mock://aggregate-it";
    private static TestKafkaCluster cluster;
    private static final List<AggregateApp> apps = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestKafkaCluster.start(PipelineTopics.of(2));
        AggregateSerdes serdes = AggregateSerdes.forRegistry(REGISTRY);
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, AreaReference> refs = new KafkaProducer<>(producerConfig, new StringSerializer(),
                serdes.areaReference().serializer());
             KafkaProducer<MunicipalitySphereKey, Observation> observations = new KafkaProducer<>(producerConfig,
                     serdes.observationKey().serializer(), serdes.observation().serializer())) {
            String[] sizes = {"S", "S", "S", "L", "L"};
            for (int i = 1; i <= 5; i++) {
                String code = "GM000" + i;
                refs.send(new ProducerRecord<>(Topics.REFERENCE_AREAS, code, area(code, sizes[i - 1], "U1", "PV20")));
                for (Observation o : List.of(iv3Lasten61(code, "2023", i * 1_000_000), inhabitants(code, "2023", 10_000, "iv3"),
                        iv3LastenTotal(code, "2023", 100_000_000))) {
                    observations.send(new ProducerRecord<>(Topics.OBSERVATIONS, new MunicipalitySphereKey(code, o.getSphere()), o));
                }
            }
            // GM0003 in 2022: 2,000,000 / 10,000 = 200 per inhabitant, so 2022 -> 2023 is +100 across the Iv3 break
            for (Observation o : List.of(iv3Lasten61("GM0003", "2022", 2_000_000), inhabitants("GM0003", "2022", 10_000, "iv3"))) {
                observations.send(new ProducerRecord<>(Topics.OBSERVATIONS, new MunicipalitySphereKey("GM0003", o.getSphere()), o));
            }
        }
        AggregateConfig config = AggregateConfig.defaults().withPositionInterval(Duration.ofMillis(200));
        for (int i = 0; i < 2; i++) {
            Path state = Files.createTempDirectory("aggregate-it-" + i);
            StreamsSettings settings = new StreamsSettings("sobamo-aggregate-it", cluster.bootstrapServers(), REGISTRY,
                    state, Duration.ofMillis(200), 1024 * 1024, 1, 1);
            AggregateApp app = new AggregateApp(settings, config, new QueryApiSettings("127.0.0.1", 0), new SimpleMeterRegistry());
            apps.add(app);
            app.start();
        }
        await().atMost(Duration.ofSeconds(90)).until(() ->
                apps.stream().allMatch(a -> a.streams().state() == KafkaStreams.State.RUNNING));
    }

    @AfterAll
    static void stop() throws Exception {
        apps.forEach(AggregateApp::close);
        if (cluster != null) {
            cluster.close();
        }
        SchemaRegistryClients.dropScope("aggregate-it");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyInstanceAnswersForEveryMunicipalityWhoeverOwnsIt() throws Exception {
        AggregateApp a = apps.get(0);
        AggregateApp b = apps.get(1);
        // national 100..500: median 300; through either instance
        for (AggregateApp app : apps) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                List<Map<String, Object>> rows = (List<Map<String, Object>>) getJson(app,
                        "/api/v1/benchmarks/" + PER_INHABITANT + "/periods/2023");
                assertThat(rows).anySatisfy(r -> {
                    assertThat(r.get("groupType")).isEqualTo("national");
                    assertThat(r.get("n")).isEqualTo(5);
                    assertThat(r.get("median")).isEqualTo(300.0);
                });
            });
        }
        // which instance owns which municipality's profile partition: with two instances both own some
        Map<String, HostInfo> owners = new HashMap<>();
        for (int i = 1; i <= 5; i++) {
            String code = "GM000" + i;
            owners.put(code, a.streams().queryMetadataForKey(ProfileProcessor.PROFILE_STORE, code, new StringSerializer()).activeHost());
        }
        assertThat(java.util.Set.copyOf(owners.values())).as("profile partitions spread over both instances: %s", owners)
                .hasSize(2);
        for (AggregateApp app : List.of(a, b)) {
            for (int i = 1; i <= 5; i++) {
                String code = "GM000" + i;
                double expected = i * 100.0;
                double rank = (i - 1 + 0.5) / 5 * 100; // i-1 below, itself equal
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Map<String, Object> profile = (Map<String, Object>) getJson(app, "/api/v1/municipalities/" + code + "/profile");
                    Map<String, Object> row = ((List<Map<String, Object>>) ((List<Map<String, Object>>) profile.get("spheres"))
                            .get(2).get("indicators")).stream().filter(r -> PER_INHABITANT.equals(r.get("indicatorId")))
                            .findFirst().orElseThrow();
                    assertThat(row.get("value")).isEqualTo(expected);
                    assertThat(row.get("percentileRankNational")).isEqualTo(rank);
                });
            }
        }
    }

    @Test
    void tablesOnTheTopicsIncludingTheFlaggedIv3Change() {
        AggregateSerdes serdes = AggregateSerdes.forRegistry(REGISTRY);
        try (KafkaConsumer<IndicatorKey, IndicatorChange> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "it-changes",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                serdes.indicatorKey().deserializer(), serdes.indicatorChange().deserializer())) {
            consumer.subscribe(List.of(AggregateTopics.TABLE_CHANGES));
            Map<IndicatorKey, IndicatorChange> changes = new HashMap<>();
            IndicatorKey key = new IndicatorKey("GM0003", Sphere.INSTITUTIONAL, PER_INHABITANT, "2023");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> changes.put(r.key(), r.value()));
                assertThat(changes).containsKey(key);
            });
            IndicatorChange change = changes.get(key);
            assertThat(change.getAbsoluteChange()).isEqualTo(100.0);
            assertThat(change.getRelativeChange()).isEqualTo(50.0);
            assertThat(change.getComparable()).isFalse();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "it-fresh",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(AggregateTopics.TABLE_FRESHNESS));
            List<String> keys = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
                assertThat(keys).contains("iv3/iv3-dataset");
            });
        }
    }

    private Object getJson(AggregateApp app, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.queryUrl().orElseThrow() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.read(response.body());
    }
}
