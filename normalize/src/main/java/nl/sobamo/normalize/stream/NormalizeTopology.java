package nl.sobamo.normalize.stream;

import java.time.Clock;
import nl.sobamo.normalize.mapping.RecordNormalizer;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** raw topics -> canonical observations keyed by municipality + sphere, bad records -> dead letters. */
public final class NormalizeTopology {

    private NormalizeTopology() {
    }

    /** Serdes the topology needs; built by the app from the registry config, by tests from a mock registry. */
    public record NormalizeSerdes(Serde<RawRecord> rawRecord, Serde<MunicipalitySphereKey> observationKey,
                                   Serde<Observation> observation, Serde<DeadLetter> deadLetter) {
    }

    public static Topology buildTopology(RecordNormalizer normalizer, NormalizeMetrics metrics,
                                         NormalizeSerdes serdes, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], NormalizeOutcome> outcomes = builder
                .stream(Topics.RAW_TOPICS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-records-source"))
                .process(() -> new NormalizeProcessor(serdes.rawRecord().deserializer(), normalizer, metrics, clock),
                        Named.as("normalize-raw-records"));

        outcomes.split(Named.as("outcome-"))
                .branch((k, v) -> v instanceof NormalizeOutcome.Emitted, Branched.withConsumer(emitted -> emitted
                        .map((k, v) -> {
                            NormalizeOutcome.Emitted e = (NormalizeOutcome.Emitted) v;
                            return KeyValue.pair(e.key(), e.observation());
                        }, Named.as("key-by-municipality-sphere"))
                        .to(Topics.OBSERVATIONS, Produced.with(serdes.observationKey(), serdes.observation())
                                .withName("observations-sink")), "observations"))
                .defaultBranch(Branched.withConsumer(dead -> dead
                        .mapValues(v -> ((NormalizeOutcome.DeadLettered) v).deadLetter(), Named.as("unwrap-dead-letter"))
                        .to(Topics.DLQ_NORMALIZE, Produced.with(Serdes.ByteArray(), serdes.deadLetter())
                                .withName("dead-letters-sink")), "dead-letters"));
        return builder.build();
    }
}
