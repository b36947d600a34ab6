package nl.sobamo.normalize.stream;

import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.reference.MunicipalityDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.normalize.app.NormalizeApp;
import nl.sobamo.normalize.area.AreaHarmonizer;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.normalize.fixtures.NationalData;
import nl.sobamo.normalize.mapping.RecordNormalizer;
import nl.sobamo.normalize.reference.ReferencePublisher;
import nl.sobamo.normalize.reference.AreaReferences;
import nl.sobamo.normalize.stream.NormalizeTopology.NormalizeSerdes;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.serde.AvroSerdes;
import nl.sobamo.testkit.kafka.TestKafkaCluster;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The full bundled national data through a real in-JVM KRaft broker and the normalize topology with exactly-once:
 * KWB 2024 (3,735 regions) and Iv3 2023 (342 accounts) via the ingest parsers, RIVM 50090NED (2,840 municipality
 * rows on 2020 boundaries) and CBS 85067NED 2022 (345 municipalities), plus four bad records. Checks the
 * reconciliation (in = observed + dead-lettered + skipped) from the metrics, the DLQ topic, and the mergers of
 * 2021-2023 on the observations topic.
 */
class NormalizeNationalDataIT {

    private static final String APP_ID = "normalize-national-it";
    private static final String REGISTRY = "mock://normalize-it-" + UUID.randomUUID();
    private static TestKafkaCluster cluster;
    private static KafkaStreams streams;
    private static Path stateDir;
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static final NormalizeMetrics METRICS = new NormalizeMetrics(METERS);
    private static final Map<String, Integer> PRODUCED = new HashMap<>();
    private static List<Observation> observations;
    private static List<DeadLetter> deadLetters;

    @BeforeAll
    static void runNationalData() throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        Topics.RAW_TOPICS.forEach(t -> topics.add(TestKafkaCluster.topic(t, 3)));
        topics.add(TestKafkaCluster.topic(Topics.OBSERVATIONS, 3));
        topics.add(TestKafkaCluster.topic(Topics.DLQ_NORMALIZE, 1));
        topics.add(TestKafkaCluster.compactedTopic(Topics.REFERENCE_AREAS, 3));
        cluster = TestKafkaCluster.start(topics);

        stateDir = Files.createTempDirectory("normalize-it");
        StreamsSettings settings = new StreamsSettings("unset", cluster.bootstrapServers(), REGISTRY, stateDir,
                Duration.ofMillis(200), 8L * 1024 * 1024, 1, 1).withApplicationId(APP_ID);
        NormalizeSerdes serdes = NormalizeApp.serdes(REGISTRY);
        RecordNormalizer normalizer = new RecordNormalizer(IndicatorCatalog.loadDefault(), MunicipalityDirectory.loadDefault(),
                Clock.systemUTC());
        streams = new KafkaStreams(NormalizeTopology.buildTopology(normalizer, METRICS, serdes, Clock.systemUTC()),
                settings.toProperties());
        streams.start();

        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<String, RawRecord> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                AvroSerdes.specific(RawRecord.class, REGISTRY, false).serializer());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            send(producer, Topics.RAW_CBS_KWB, NationalData.kwb2024());
            send(producer, Topics.RAW_IV3, NationalData.iv3_2023());
            send(producer, Topics.RAW_RIVM, NationalData.rivm50090());
            send(producer, Topics.RAW_CBS_GEBIEDEN, NationalData.gebieden2022());
            // bad input: an unknown code, Weesp in 2024 data (it no longer exists), a non-number, and no Avro at all
            RawRecord kampen = NationalData.kwb2024().stream().filter(r -> r.getAreaCode().equals("GM0166")).findFirst().orElseThrow();
            send(producer, Topics.RAW_CBS_KWB, List.of(
                    RawRecord.newBuilder(kampen).setRecordId("bad/GM9999").setAreaCode("GM9999").build(),
                    RawRecord.newBuilder(kampen).setRecordId("bad/GM0457").setAreaCode("GM0457").build(),
                    RawRecord.newBuilder(kampen).setRecordId("bad/number").setFields(Map.of("AantalInwoners_5", "veel")).build()));
            raw.send(new ProducerRecord<>(Topics.RAW_IV3, "garbage", "not avro".getBytes(StandardCharsets.UTF_8))).get();
            PRODUCED.merge("unknown", 1, Integer::sum);
            producer.flush();
        }

        int total = PRODUCED.values().stream().mapToInt(Integer::intValue).sum();
        try (Admin admin = cluster.admin()) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(in()).isEqualTo(total);
                assertThat(lag(admin)).isZero();
            });
        }
        var serde = AvroSerdes.specific(Observation.class, REGISTRY, false);
        observations = readAll(Topics.OBSERVATIONS, serde.deserializer());
        deadLetters = readAll(Topics.DLQ_NORMALIZE, AvroSerdes.specific(DeadLetter.class, REGISTRY, false).deserializer());
    }

    @AfterAll
    static void stop() throws Exception {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
        if (cluster != null) {
            cluster.close();
        }
        SchemaRegistryClients.dropScope(REGISTRY.substring("mock://".length()));
    }

    private static void send(KafkaProducer<String, RawRecord> producer, String topic, List<RawRecord> records) throws Exception {
        for (RawRecord r : records) {
            producer.send(new ProducerRecord<>(topic, r.getRecordId(), r));
            PRODUCED.merge(r.getSource(), 1, Integer::sum);
        }
        producer.flush();
    }

    private static double in() {
        return List.of("cbs-kwb", "iv3", "rivm", "cbs-gebieden", "unknown").stream()
                .mapToDouble(s -> METRICS.recordsIn(s)).sum();
    }

    /** Committed offsets of the app versus end offsets of its inputs, including its repartition topic. */
    private static long lag(Admin admin) throws Exception {
        List<String> inputs = admin.listTopics().names().get().stream()
                .filter(t -> Topics.RAW_TOPICS.contains(t) || (t.startsWith(APP_ID + "-") && t.endsWith("-repartition"))).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(inputs).allTopicNames().get().values().forEach(d -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APP_ID).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (var e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    private static <V> List<V> readAll(String topic, Deserializer<V> deserializer) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(deserializer.deserialize(topic, r.headers(), r.value()));
                }
            }
        }
        return values;
    }

    @Test
    void everyRawRecordIsObservedDeadLetteredOrSkippedExactlyOnce() {
        assertThat(PRODUCED).containsEntry("cbs-kwb", 3_735 + 3).containsEntry("iv3", 342)
                .containsEntry("rivm", 2_848 - 8).containsEntry("cbs-gebieden", 345).containsEntry("unknown", 1);
        assertThat(NationalData.rivmAggregateRows()).isEqualTo(8); // NL01 per year x age group, left out as ingest does
        double in = 0;
        double out = 0;
        for (String source : List.of("cbs-kwb", "iv3", "rivm", "cbs-gebieden", "unknown")) {
            double sourceIn = METRICS.recordsIn(source);
            double sourceOut = METRICS.records(source, "observed") + METRICS.records(source, "dead_lettered")
                    + METRICS.records(source, "skipped");
            assertThat(sourceOut).as(source).isEqualTo(sourceIn).isEqualTo((double) PRODUCED.get(source));
            in += sourceIn;
            out += sourceOut;
        }
        assertThat(out).isEqualTo(in).isEqualTo(3_738 + 342 + 2_840 + 345 + 1);
        // RIVM: the 18-65 age group (2012 and 2016, 355 municipalities each) is in no indicator: counted skips
        assertThat(METRICS.records("rivm", "skipped")).isEqualTo(710.0);
        assertThat(METRICS.records("rivm", "observed")).isEqualTo(2_130.0);
        assertThat(METRICS.records("iv3", "observed")).isEqualTo(342.0);
        assertThat(METRICS.records("cbs-gebieden", "observed")).isEqualTo(345.0);
        assertThat(METRICS.records("cbs-kwb", "dead_lettered")).isEqualTo(3.0);
    }

    @Test
    void deadLettersCarryTheirReasonAndTheMetricsAgreeWithTheTopic() {
        assertThat(deadLetters).extracting(DeadLetter::getReasonCode)
                .containsExactlyInAnyOrder("UNKNOWN_AREA", "UNKNOWN_AREA", "UNPARSEABLE_VALUE", "SCHEMA_ERROR");
        assertThat(deadLetters).filteredOn(d -> "bad/GM0457".equals(d.getSourceRecordId())).singleElement()
                .satisfies(d -> assertThat(d.getMessage()).contains("GM0457").contains("2024"));
        double dlqMetric = METERS.find(NormalizeMetrics.DEAD_LETTERS.name()).counters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(dlqMetric).isEqualTo(deadLetters.size());
    }

    @Test
    void observationsOnTheTopicAreTheDirectOnesPlusTheHarmonisedOnes() {
        double direct = 0;
        for (String source : List.of("cbs-kwb", "iv3", "rivm", "cbs-gebieden")) {
            direct += METRICS.observations(source);
        }
        assertThat((double) observations.size())
                .isEqualTo(direct - METRICS.harmonisation("routed") + METRICS.harmonisation("emitted"));
        // only today's municipalities are on the topic
        MunicipalityDirectory current = MunicipalityDirectory.loadDefault();
        assertThat(observations).allSatisfy(o -> assertThat(current.isKnown(o.getMunicipalityCode())).as(o.getMunicipalityCode()).isTrue());
    }

    @Test
    void rivm2020OnTodays342MunicipalitiesWithWeespInAmsterdamAndVoorneAanZeeFromThree() {
        List<Observation> lonely2020 = select(o -> o.getIndicatorId().equals("rivm.seriously_lonely") && o.getPeriod().equals("2020"));
        assertThat(lonely2020).extracting(Observation::getMunicipalityCode).doesNotHaveDuplicates().hasSize(342);
        Map<String, Observation> byCode = lonely2020.stream().collect(Collectors.toMap(Observation::getMunicipalityCode, o -> o));

        Map<String, RawRecord> rivm = NationalData.rivm50090().stream()
                .filter(r -> r.getPeriod().equals("2020") && r.getFields().get("Leeftijd").equals("20300"))
                .collect(Collectors.toMap(RawRecord::getAreaCode, r -> r));
        double amsterdam = value(rivm, "GM0363");
        double weesp = value(rivm, "GM0457");
        assertThat(amsterdam).isEqualTo(14.8);
        assertThat(weesp).isEqualTo(10.7);
        assertThat(byCode.get("GM0363").getValue()).isCloseTo((amsterdam * 882_633 + weesp * 20_766) / 903_399, within(1e-12));
        assertThat(byCode.get("GM0363").getHarmonisedFrom()).extracting(p -> p.getSource().getSourceRecordId())
                .containsExactly("rivm/50090NED/2020/GM0363/20300", "rivm/50090NED/2020/GM0457/20300");
        assertThat(byCode.get("GM1992").getValue()).isCloseTo((value(rivm, "GM0501") * 17_704 + value(rivm, "GM0530") * 40_574
                + value(rivm, "GM0614") * 14_960) / 73_238, within(1e-12));
        // Haaren (2021 split): Tilburg gets Biezenmortel's 1,485 inhabitants' share of Haaren's value
        assertThat(byCode.get("GM0855").getValue()).isCloseTo((value(rivm, "GM0855") * 228_351 + value(rivm, "GM0788") * 1_485)
                / (228_351 + 1_485), within(1e-12));
        assertThat(byCode.get("GM0166").getHarmonised()).isFalse();
        assertThat(byCode.get("GM0166").getValue()).isEqualTo(value(rivm, "GM0166"));
        // the successors of the herindelingen 2021-2023: Eemsdelta, the four that shared Haaren, Purmerend, Dijk en
        // Waard, Land van Cuijk, Maashorst, Amsterdam and Voorne aan Zee
        assertThat(lonely2020).filteredOn(Observation::getHarmonised).extracting(Observation::getMunicipalityCode)
                .containsExactlyInAnyOrder("GM1979", "GM0757", "GM0824", "GM0855", "GM0865", "GM0439", "GM1980", "GM1982",
                        "GM1991", "GM0363", "GM1992");
    }

    @Test
    void additiveTotalsAreTheSameBeforeAndAfterHarmonisation() {
        List<Observation> inhabitants2022 = select(o -> o.getIndicatorId().equals("population.inhabitants") && o.getPeriod().equals("2022"));
        assertThat(inhabitants2022).hasSize(342);
        assertThat(inhabitants2022.stream().mapToDouble(Observation::getValue).sum()).isEqualTo(17_590_672.0);

        List<Observation> inhabitants2024 = select(o -> o.getIndicatorId().equals("population.inhabitants")
                && o.getPeriod().equals("2024") && o.getAreaCode().startsWith("GM"));
        assertThat(inhabitants2024).hasSize(342);
        assertThat(inhabitants2024.stream().mapToDouble(Observation::getValue).sum()).isEqualTo(17_942_942.0);
        assertThat(inhabitants2024).noneMatch(Observation::getHarmonised);
    }

    @Test
    void theAreaReferenceIsPublishedKeyedByCodeAndRepublishingChangesNothing() throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        List<AreaReference> bundled = AreaReferences.bundled(AreaHarmonizer.loadDefault());
        try (KafkaProducer<String, AreaReference> producer = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.specific(AreaReference.class, REGISTRY, false).serializer())) {
            assertThat(ReferencePublisher.AREAS.publish(producer, bundled)).isEqualTo(360);
            assertThat(ReferencePublisher.AREAS.publish(producer, bundled)).isEqualTo(360);
        }
        List<AreaReference> read = readAll(Topics.REFERENCE_AREAS, AvroSerdes.specific(AreaReference.class, REGISTRY, false).deserializer());
        assertThat(read).hasSize(720);
        Map<String, AreaReference> table = new HashMap<>();
        read.forEach(r -> table.put(r.getCode(), r)); // what a GlobalKTable holds
        assertThat(table).hasSize(360);
        assertThat(table.get("GM0363").getSizeClass()).isEqualTo("8");
        assertThat(table.get("GM0457").getSuccessors()).extracting(s -> s.getCode()).containsExactly("GM0363");
        assertThat(table.values()).containsExactlyInAnyOrderElementsOf(bundled);
    }

    private static double value(Map<String, RawRecord> rivm, String code) {
        return Double.parseDouble(rivm.get(code).getFields().get("ErnstigZeerErnstigEenzaam_29"));
    }

    /** Latest observation per identity, as a downstream consumer keeps them. */
    private static List<Observation> select(Predicate<Observation> p) {
        Map<String, Observation> latest = new HashMap<>();
        observations.stream().filter(p).forEach(o -> latest.put(o.getObservationId(), o));
        return List.copyOf(latest.values());
    }
}
