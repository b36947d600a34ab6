package nl.sobamo.normalize.stream;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import nl.sobamo.normalize.area.AreaHarmonizer;
import nl.sobamo.normalize.area.Herindeling;
import nl.sobamo.normalize.mapping.MappingFailure;
import nl.sobamo.normalize.mapping.NormalizeResult;
import nl.sobamo.normalize.mapping.ReasonCode;
import nl.sobamo.normalize.mapping.RecordNormalizer;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads raw bytes, not RawRecords, so that a record that does not even deserialise still reaches the
 * dead-letter topic with its original bytes instead of stopping the app.
 */
final class NormalizeProcessor implements Processor<byte[], byte[], byte[], NormalizeOutcome> {

    static final String STAGE = "normalize";
    private static final Logger LOG = LoggerFactory.getLogger(NormalizeProcessor.class);
    private static final String UNKNOWN_SOURCE = "unknown";

    private final Deserializer<RawRecord> deserializer;
    private final RecordNormalizer normalizer;
    private final AreaHarmonizer harmonizer;
    private final NormalizeMetrics metrics;
    private final Clock clock;
    private ProcessorContext<byte[], NormalizeOutcome> context;

    NormalizeProcessor(Deserializer<RawRecord> deserializer, RecordNormalizer normalizer, NormalizeMetrics metrics, Clock clock) {
        this.deserializer = deserializer;
        this.normalizer = normalizer;
        this.harmonizer = normalizer.harmonizer();
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<byte[], NormalizeOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
        RawRecord raw;
        try {
            raw = deserializer.deserialize(topic, record.headers(), record.value());
            if (raw == null) {
                throw new IllegalArgumentException("record has no value (tombstone)");
            }
        } catch (RuntimeException e) {
            metrics.recordIn(UNKNOWN_SOURCE);
            deadLetter(record, null, new MappingFailure(ReasonCode.SCHEMA_ERROR, null,
                    "value is not a RawRecord in the registry wire format: " + e.getMessage()), UNKNOWN_SOURCE);
            return;
        }
        metrics.recordIn(raw.getSource());
        NormalizeResult result = normalizer.normalize(raw);
        if (result instanceof NormalizeResult.Observations o) {
            for (Observation observation : o.observations()) {
                if (observation.getAreaCode().equals(observation.getMunicipalityCode())
                        && harmonizer.needsHarmonisation(observation.getMunicipalityCode(), o.classificationYear())) {
                    // on older boundaries: goes to each successor it is part of; only today's municipalities are emitted
                    metrics.harmonisationRouted();
                    for (Herindeling row : harmonizer.contributions(observation.getMunicipalityCode(), o.classificationYear())) {
                        String group = HarmonizeProcessor.groupKey(row, o.classificationYear(), observation);
                        context.forward(record.withValue((NormalizeOutcome) new NormalizeOutcome.ToHarmonise(group, observation)));
                    }
                    continue;
                }
                MunicipalitySphereKey key = new MunicipalitySphereKey(observation.getMunicipalityCode(), observation.getSphere());
                context.forward(record.withValue((NormalizeOutcome) new NormalizeOutcome.Emitted(key, observation)));
            }
            metrics.observed(raw.getSource(), o.observations().size(), o.missingValues());
        } else if (result instanceof NormalizeResult.Failed f) {
            deadLetter(record, raw.getRecordId(), f.failure(), raw.getSource());
        } else if (result instanceof NormalizeResult.Skipped s) {
            metrics.skipped(raw.getSource());
            LOG.info("Skipped raw record {}: {}", raw.getRecordId(), s.reason());
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, String recordId, MappingFailure failure, String source) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        DeadLetter letter = DeadLetter.newBuilder()
                .setStage(STAGE)
                .setReasonCode(failure.reason().name())
                .setMessage(failure.getMessage())
                .setSourceTopic(meta == null ? null : meta.topic())
                .setSourcePartition(meta == null ? null : meta.partition())
                .setSourceOffset(meta == null ? null : meta.offset())
                .setSourceRecordId(recordId)
                .setField(failure.field())
                .setOriginalKey(record.key() == null ? null : java.nio.ByteBuffer.wrap(record.key()))
                .setOriginalValue(record.value() == null ? null : java.nio.ByteBuffer.wrap(record.value()))
                .setHeaders(headers)
                .setFailedAt(clock.instant())
                .build();
        metrics.deadLettered(source, failure.reason().name());
        LOG.warn("Dead-lettered raw record {} from {}: {} {}", recordId, letter.getSourceTopic(), failure.reason(), failure.getMessage());
        context.forward(record.withValue((NormalizeOutcome) new NormalizeOutcome.DeadLettered(letter)));
    }
}
