package nl.sobamo.aggregate.app;

import static nl.sobamo.aggregate.fixtures.TestObservations.area;
import static nl.sobamo.aggregate.fixtures.TestObservations.inhabitants;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3Lasten61;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3LastenTotal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.sobamo.aggregate.bench.PipelineTopics;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.Sphere;
import nl.sobamo.testkit.kafka.TestKafkaCluster;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Decision 0012 on a real broker: a replay (observations an hour old) publishes each position once, when the positions
 * step has caught up, and the gauges show the catch-up; a live observation afterwards is positioned at once. Record
 * times must survive both repartition topics for this to work, which only a real broker shows.
 */
class PositionsCatchUpIT {

    private static final String REGISTRY = "mock://aggregate-catch-up-it";
    private static final String PER_INHABITANT = "iv3.lasten.6.1.per_inhabitant";
    private static final int MUNICIPALITIES = 20;

    @Test
    void aReplayPublishesEachPositionOnceAndALiveUpdateAfterItAtOnce() throws Exception {
        AggregateSerdes serdes = AggregateSerdes.forRegistry(REGISTRY);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TestKafkaCluster cluster = TestKafkaCluster.start(PipelineTopics.of(2))) {
            Map<String, Object> producing = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all");
            long anHourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
            try (KafkaProducer<String, AreaReference> refs = new KafkaProducer<>(producing, new StringSerializer(),
                    serdes.areaReference().serializer());
                 KafkaProducer<MunicipalitySphereKey, Observation> observations = new KafkaProducer<>(producing,
                         serdes.observationKey().serializer(), serdes.observation().serializer())) {
                for (int i = 1; i <= MUNICIPALITIES; i++) {
                    String code = "GM%04d".formatted(i);
                    refs.send(new ProducerRecord<>(Topics.REFERENCE_AREAS, code, area(code, i % 2 == 0 ? "S" : "L", "U1", "PV20")));
                    for (Observation o : List.of(iv3Lasten61(code, "2023", i * 100_000), inhabitants(code, "2023", 10_000, "iv3"),
                            iv3LastenTotal(code, "2023", 100_000_000))) {
                        observations.send(new ProducerRecord<>(Topics.OBSERVATIONS, null, anHourAgo,
                                new MunicipalitySphereKey(code, o.getSphere()), o));
                    }
                }
            }
            StreamsSettings settings = new StreamsSettings("sobamo-aggregate-catch-up-it", cluster.bootstrapServers(), REGISTRY,
                    Files.createTempDirectory("aggregate-catch-up-it"), Duration.ofMillis(100), 1024 * 1024, 1, 1);
            try (AggregateApp app = new AggregateApp(settings, AggregateConfig.defaults(), QueryApiSettings.DISABLED, meters);
                 KafkaConsumer<IndicatorKey, IndicatorPosition> positions = positionsConsumer(cluster, serdes)) {
                app.start();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                        .until(() -> gauge(meters, "sobamo.aggregate.positions.catching.up") > 0);

                List<ConsumerRecord<IndicatorKey, IndicatorPosition>> published = new ArrayList<>();
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    positions.poll(Duration.ofMillis(200)).forEach(published::add);
                    assertThat(published).filteredOn(r -> r.key().getIndicatorId().equals(PER_INHABITANT)).hasSize(MUNICIPALITIES);
                    assertThat(app.pendingPositions()).isZero();
                });
                // everything published since the replay ended has been read (a commit after the last run)
                app.awaitSettled(Duration.ofSeconds(30));
                positions.poll(Duration.ofMillis(500)).forEach(published::add);
                assertThat(published).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
                assertThat(gauge(meters, "sobamo.aggregate.positions.pending")).isZero();
                assertThat(gauge(meters, "sobamo.aggregate.positions.catching.up")).isZero();

                // a live observation: the catch-up is over, its position follows within the usual run
                try (KafkaProducer<MunicipalitySphereKey, Observation> observations = new KafkaProducer<>(producing,
                        serdes.observationKey().serializer(), serdes.observation().serializer())) {
                    Observation o = iv3Lasten61("GM0001", "2023", 5_000_000);
                    observations.send(new ProducerRecord<>(Topics.OBSERVATIONS, new MunicipalitySphereKey("GM0001", o.getSphere()), o)).get();
                }
                IndicatorKey live = new IndicatorKey("GM0001", Sphere.INSTITUTIONAL, PER_INHABITANT, "2023");
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    List<ConsumerRecord<IndicatorKey, IndicatorPosition>> more = new ArrayList<>();
                    positions.poll(Duration.ofMillis(200)).forEach(more::add);
                    published.addAll(more);
                    assertThat(published).filteredOn(r -> r.key().equals(live)).last()
                            .satisfies(r -> assertThat(r.value().getValue()).isEqualTo(500.0));
                });
            }
        } finally {
            SchemaRegistryClients.dropScope("aggregate-catch-up-it");
        }
    }

    private static KafkaConsumer<IndicatorKey, IndicatorPosition> positionsConsumer(TestKafkaCluster cluster, AggregateSerdes serdes) {
        KafkaConsumer<IndicatorKey, IndicatorPosition> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "it-positions",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                serdes.indicatorKey().deserializer(), serdes.indicatorPosition().deserializer());
        consumer.subscribe(List.of(Topics.TABLE_POSITIONS));
        return consumer;
    }

    private static double gauge(SimpleMeterRegistry meters, String name) {
        return meters.get(name).gauge().value();
    }
}
