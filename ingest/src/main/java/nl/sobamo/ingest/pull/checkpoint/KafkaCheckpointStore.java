package nl.sobamo.ingest.pull.checkpoint;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import nl.sobamo.schemas.IngestCheckpoint;
import nl.sobamo.serde.SobamoAvroDeserializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints on the compacted topic {@code sobamo.ingest.checkpoints.v1}: the latest value per key is the table's
 * checkpoint. The topic is read from the beginning once, on first use (it holds one live record per table, so this
 * is quick); every {@link #put} is sent with {@code acks=all} and waited for.
 */
public final class KafkaCheckpointStore implements CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCheckpointStore.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final Map<String, Object> clientConfig;
    private final Serializer<IngestCheckpoint> serializer;
    private final Deserializer<IngestCheckpoint> deserializer;
    private KafkaProducer<String, IngestCheckpoint> producer;
    private Map<String, IngestCheckpoint> cache;

    /**
     * @param clientConfig bootstrap servers and the serde's settings (e.g. {@code schema.registry.url})
     */
    public KafkaCheckpointStore(String topic, Map<String, Object> clientConfig, Serializer<IngestCheckpoint> serializer,
                                Deserializer<IngestCheckpoint> deserializer) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clientConfig = Map.copyOf(clientConfig);
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    }

    /** With the registry serde named by {@code valueSerializerClass} and the schemas module's deserializer. */
    @SuppressWarnings("unchecked")
    public static KafkaCheckpointStore create(String topic, String bootstrapServers, String registryUrl,
                                              String valueSerializerClass) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                "schema.registry.url", registryUrl);
        try {
            Serializer<IngestCheckpoint> serializer = (Serializer<IngestCheckpoint>) Class.forName(valueSerializerClass)
                    .getDeclaredConstructor().newInstance();
            serializer.configure(config, false);
            Deserializer<IngestCheckpoint> deserializer = new SobamoAvroDeserializer<>(IngestCheckpoint.class);
            deserializer.configure(config, false);
            return new KafkaCheckpointStore(topic, config, serializer, deserializer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the value serializer " + valueSerializerClass, e);
        }
    }

    @Override
    public synchronized Optional<IngestCheckpoint> get(String key) {
        return Optional.ofNullable(load().get(key));
    }

    @Override
    public synchronized void put(IngestCheckpoint checkpoint) {
        load();
        try {
            producer().send(new ProducerRecord<>(topic, checkpoint.getTable(), checkpoint))
                    .get(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted writing checkpoint " + checkpoint.getTable(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot write checkpoint " + checkpoint.getTable() + " to " + topic, e);
        }
        cache.put(checkpoint.getTable(), checkpoint);
    }

    private Map<String, IngestCheckpoint> load() {
        if (cache != null) {
            return cache;
        }
        ensureTopic();
        Map<String, IngestCheckpoint> latest = new HashMap<>();
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, IngestCheckpoint> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, LOAD_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out reading the checkpoints on " + topic);
                }
                for (ConsumerRecord<String, IngestCheckpoint> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), r.value());
                    }
                }
            }
        }
        LOG.info("Loaded {} ingest checkpoints from {}", latest.size(), topic);
        cache = latest;
        return cache;
    }

    /** Creates the topic compacted when it does not exist yet (the platform normally provisions it). */
    private void ensureTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                clientConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created the compacted checkpoint topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create the checkpoint topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating " + topic, e);
        }
    }

    private KafkaProducer<String, IngestCheckpoint> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(config, new StringSerializer(), serializer);
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
