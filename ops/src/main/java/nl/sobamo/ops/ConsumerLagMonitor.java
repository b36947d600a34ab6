package nl.sobamo.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #LAG}{group, topic}: records of the input topics that a consumer group (a Streams app's application id)
 * has not committed yet, summed over partitions, refreshed on a schedule through the Admin API
 * ({@code listConsumerGroupOffsets} + {@code listOffsets}). A partition without a committed offset counts from its
 * earliest offset. NaN until the first successful refresh; a failed refresh keeps the last values.
 */
public final class ConsumerLagMonitor implements AutoCloseable {

    public static final String LAG = "sobamo.consumer.lag";
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLagMonitor.class);

    private final Admin admin;
    private final String group;
    private final List<String> topics;
    private final Duration timeout;
    private final Map<String, AtomicReference<Double>> lagByTopic = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public ConsumerLagMonitor(Admin admin, String group, List<String> topics, Duration timeout, MeterRegistry registry) {
        this.admin = admin;
        this.group = group;
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
        for (String topic : this.topics) {
            AtomicReference<Double> lag = new AtomicReference<>(Double.NaN);
            lagByTopic.put(topic, lag);
            Gauge.builder(LAG, lag, AtomicReference::get)
                    .description("Records of an input topic not yet committed by the consumer group")
                    .baseUnit("records").tag("group", group).tag("topic", topic).register(registry);
        }
    }

    /** Refreshes every {@code interval} on its own daemon thread, starting now. */
    public ConsumerLagMonitor start(Duration interval) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sobamo-lag-" + group);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The lag last seen for {@code topic} (NaN before the first refresh). */
    public double lag(String topic) {
        AtomicReference<Double> lag = lagByTopic.get(topic);
        return lag == null ? Double.NaN : lag.get();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (Exception e) {
            LOG.debug("consumer lag of {} not refreshed: {}", group, e.toString());
        }
    }

    /** One refresh, on the caller's thread. */
    public void refresh() throws InterruptedException, ExecutionException, TimeoutException {
        long ms = timeout.toMillis();
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(ms, TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(ms, TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        List<TopicPartition> uncommitted = partitions.stream()
                .filter(tp -> committed.get(tp) == null).toList();
        Map<TopicPartition, Long> start = uncommitted.isEmpty() ? Map.of() : offsets(uncommitted, OffsetSpec.earliest());
        Map<String, Double> sums = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            long position = c != null ? c.offset() : start.getOrDefault(tp, 0L);
            sums.merge(tp.topic(), (double) Math.max(0, end.getOrDefault(tp, position) - position), Double::sum);
        }
        sums.forEach((topic, lag) -> lagByTopic.get(topic).set(lag));
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
