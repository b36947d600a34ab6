package nl.sobamo.deploy.load;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import nl.sobamo.aggregate.stream.AggregateSerdes;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.SourceRef;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Tails the indicator table the way a downstream reader does (read_committed, so a row counts as visible only once
 * the aggregate app's transaction committed) and notes, per expected push, when its row first appeared.
 */
final class TableWatcher implements AutoCloseable {

    private final KafkaConsumer<IndicatorKey, IndicatorValue> consumer;
    private final Map<String, PushPlan> expected = new ConcurrentHashMap<>();
    private final Map<String, Long> firstSeenNanos = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile Throwable failure;
    /** push.visits rows that matched no expected push: a diagnostic for pushes that never become visible. */
    private final Map<String, String> unmatched = new ConcurrentHashMap<>();

    TableWatcher(String bootstrapServers, String registryUrl) {
        AggregateSerdes serdes = AggregateSerdes.forRegistry(registryUrl);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // fetch as soon as anything is there: we measure latency, not throughput of this reader
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        consumer = new KafkaConsumer<>(props, serdes.indicatorKey().deserializer(), serdes.indicatorValue().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.TABLE_INDICATORS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // resolve the end offsets now, before any push is sent, so no row of this run can be skipped
        partitions.forEach(consumer::position);
        poller = new Thread(this::pollLoop, "table-watcher");
        poller.setDaemon(true);
        poller.start();
    }

    /** Registers a push before it is sent, so its row is recognised however fast it arrives. */
    void expect(PushPlan push) {
        expected.put(push.recordId(), push);
    }

    Long firstSeenNanos(String recordId) {
        return firstSeenNanos.get(recordId);
    }

    /** Waits until every given record id was seen, or the timeout passed; returns how many are still missing. */
    long awaitVisible(Collection<String> recordIds, Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).pollDelay(Duration.ZERO)
                    .until(() -> failure != null || missing(recordIds) == 0);
        } catch (ConditionTimeoutException e) {
            return missing(recordIds);
        }
        if (failure != null) {
            throw new IllegalStateException("the table watcher failed", failure);
        }
        return 0;
    }

    private long missing(Collection<String> recordIds) {
        return recordIds.stream().filter(id -> !firstSeenNanos.containsKey(id)).count();
    }

    private void pollLoop() {
        try {
            while (running) {
                for (ConsumerRecord<IndicatorKey, IndicatorValue> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (r.value() != null && PushPlan.INDICATOR.equals(r.key().getIndicatorId())) {
                        match(r.key(), r.value(), now);
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (Throwable t) {
            failure = t;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** A row counts for a push when key and value are exactly what that push alone produces. */
    private void match(IndicatorKey key, IndicatorValue value, long now) {
        boolean matched = false;
        for (SourceRef source : value.getProvenance()) {
            PushPlan push = expected.get(source.getSourceRecordId());
            if (push != null && push.municipality().equals(key.getMunicipalityCode()) && push.period().equals(key.getPeriod())
                    && value.getValue() != null && value.getValue() == push.visits()) {
                firstSeenNanos.putIfAbsent(push.recordId(), now);
                matched = true;
            }
        }
        if (!matched && unmatched.size() < 20) {
            unmatched.put(key.toString(), String.valueOf(value.getValue()) + " " + value.getProvenance());
        }
    }

    Map<String, String> unmatchedRows() {
        return Map.copyOf(unmatched);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(10_000);
    }
}
