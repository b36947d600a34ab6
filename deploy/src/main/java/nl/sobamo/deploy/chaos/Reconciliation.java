package nl.sobamo.deploy.chaos;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.deploy.run.TopicScan;
import nl.sobamo.normalize.area.AreaHarmonizer;
import nl.sobamo.normalize.mapping.NormalizeResult;
import nl.sobamo.normalize.mapping.RecordNormalizer;
import nl.sobamo.reference.MunicipalityDirectory;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.serde.AvroSerdes;
import nl.sobamo.topics.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Normalize's reconciliation from the topics alone (a killed process loses its in-memory counters, and counters are
 * not transactional anyway): every committed raw record is classified with the same {@link RecordNormalizer} the
 * service runs, and its expected outcome is looked up on the read_committed observation and dead-letter topics.
 * An observation is identified by its deterministic id, a dead letter by the raw record's topic, partition and
 * offset. {@code lost} counts expected outputs that are absent, {@code duplicated} outputs present more often than
 * their inputs explain. Observations on old municipal boundaries are combined by normalize's harmonisation step
 * before they are emitted, so their count is not per input; the tables comparison covers them.
 */
public final class Reconciliation {

    private final String bootstrapServers;
    private final Map<String, Object> registry;
    private final RecordNormalizer normalizer;
    private final AreaHarmonizer harmonizer;

    public Reconciliation(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registry = Map.of(RegistryConfig.URL, registryUrl);
        this.harmonizer = AreaHarmonizer.loadDefault();
        this.normalizer = new RecordNormalizer(IndicatorCatalog.loadDefault(), MunicipalityDirectory.loadDefault(), harmonizer,
                Clock.systemUTC());
    }

    public Result check(Set<String> acceptedPushRecordIds) {
        Map<String, Integer> expectedObservations = new HashMap<>();
        Set<String> expectedDeadLetters = new HashSet<>();
        Set<String> pushRecordIds = new HashSet<>();
        Map<String, Integer> rawPerRecordId = new HashMap<>();
        long[] in = new long[1];
        long[] observed = new long[1];
        long[] skipped = new long[1];
        long[] harmonisedParts = new long[1];
        Deserializer<RawRecord> raws = AvroSerdes.specific(RawRecord.class, registry, false).deserializer();
        for (String topic : Topics.RAW_TOPICS) {
            readAll(topic, raws, (position, raw) -> {
                in[0]++;
                rawPerRecordId.merge(raw.getRecordId(), 1, Integer::sum);
                if (topic.equals(Topics.RAW_PUSH)) {
                    pushRecordIds.add(raw.getRecordId());
                }
                NormalizeResult result = normalizer.normalize(raw);
                if (result instanceof NormalizeResult.Observations o) {
                    observed[0]++;
                    for (Observation obs : o.observations()) {
                        if (obs.getAreaCode().equals(obs.getMunicipalityCode())
                                && harmonizer.needsHarmonisation(obs.getMunicipalityCode(), o.classificationYear())) {
                            harmonisedParts[0]++;
                        } else {
                            expectedObservations.merge(obs.getObservationId(), 1, Integer::sum);
                        }
                    }
                } else if (result instanceof NormalizeResult.Failed) {
                    expectedDeadLetters.add(position);
                } else {
                    skipped[0]++;
                }
            });
        }
        Map<String, Integer> actualObservations = new HashMap<>();
        long[] harmonisedOut = new long[1];
        readAll(Topics.OBSERVATIONS, AvroSerdes.specific(Observation.class, registry, false).deserializer(), (position, o) -> {
            if (Boolean.TRUE.equals(o.getHarmonised())) {
                harmonisedOut[0]++;
            } else {
                actualObservations.merge(o.getObservationId(), 1, Integer::sum);
            }
        });
        Map<String, Integer> actualDeadLetters = new HashMap<>();
        long[] withoutReason = new long[1];
        readAll(Topics.DLQ_NORMALIZE, AvroSerdes.specific(DeadLetter.class, registry, false).deserializer(), (position, d) -> {
            actualDeadLetters.merge(d.getSourceTopic() + "/" + d.getSourcePartition() + "@" + d.getSourceOffset(), 1, Integer::sum);
            if (d.getReasonCode() == null || d.getReasonCode().isBlank()) {
                withoutReason[0]++;
            }
        });

        long lost = 0;
        long duplicated = 0;
        List<String> examples = new ArrayList<>();
        for (var e : expectedObservations.entrySet()) {
            int actual = actualObservations.getOrDefault(e.getKey(), 0);
            if (actual != e.getValue() && examples.size() < 5) {
                examples.add("observation " + e.getKey() + " expected " + e.getValue() + " got " + actual);
            }
            lost += Math.max(0, e.getValue() - actual);
            duplicated += Math.max(0, actual - e.getValue());
        }
        for (var e : actualObservations.entrySet()) {
            if (!expectedObservations.containsKey(e.getKey())) {
                duplicated += e.getValue();
                if (examples.size() < 5) {
                    examples.add("observation " + e.getKey() + " from no committed raw record");
                }
            }
        }
        for (String position : expectedDeadLetters) {
            int actual = actualDeadLetters.getOrDefault(position, 0);
            if (actual != 1 && examples.size() < 5) {
                examples.add("dead letter for " + position + " " + actual + " times");
            }
            lost += actual == 0 ? 1 : 0;
            duplicated += Math.max(0, actual - 1);
        }
        for (var e : actualDeadLetters.entrySet()) {
            if (!expectedDeadLetters.contains(e.getKey())) {
                duplicated += e.getValue();
                if (examples.size() < 5) {
                    examples.add("dead letter for " + e.getKey() + " which should not fail");
                }
            }
        }
        Set<String> missingPushes = new HashSet<>(acceptedPushRecordIds);
        missingPushes.removeAll(pushRecordIds);
        long redelivered = rawPerRecordId.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        return new Result(in[0], observed[0], expectedDeadLetters.size(), skipped[0],
                actualObservations.values().stream().mapToLong(Integer::longValue).sum(), harmonisedParts[0], harmonisedOut[0],
                actualDeadLetters.values().stream().mapToLong(Integer::longValue).sum(), withoutReason[0], lost, duplicated,
                missingPushes.size(), missingPushes.stream().limit(3).toList(), redelivered, examples);
    }

    private <V> void readAll(String topic, Deserializer<V> values, BiConsumer<String, V> each) {
        TopicScan.forEach(bootstrapServers, topic, new ByteArrayDeserializer(), values,
                r -> each.accept(r.topic() + "/" + r.partition() + "@" + r.offset(), r.value()));
    }

    /**
     * @param rawIn            committed raw records
     * @param rawObserved      of those, mapped to observations
     * @param rawDeadLettered  of those, expected on the dead-letter topic
     * @param rawSkipped       of those, skipped with a reason (counted, no output)
     * @param redelivered      raw records whose record id was already on the topic (a client retry); they overwrite downstream
     */
    public record Result(long rawIn, long rawObserved, long rawDeadLettered, long rawSkipped, long observations,
                         long harmonisedParts, long harmonisedObservations, long deadLetters, long deadLettersWithoutReason,
                         long lost, long duplicated, long missingPushes, List<String> missingPushExamples, long redelivered,
                         List<String> examples) {

        public boolean holds() {
            return rawIn == rawObserved + rawDeadLettered + rawSkipped && lost == 0 && duplicated == 0
                    && deadLettersWithoutReason == 0 && missingPushes == 0;
        }
    }
}
