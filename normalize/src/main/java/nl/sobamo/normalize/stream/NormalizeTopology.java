package nl.sobamo.normalize.stream;

import java.time.Clock;
import java.util.Map;
import nl.sobamo.normalize.area.AreaHarmonizer;
import nl.sobamo.normalize.mapping.RecordNormalizer;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * raw topics -> canonical observations keyed by municipality + sphere, bad records -> dead letters. Observations on
 * older municipal boundaries are re-keyed by their successor, collected until complete and emitted harmonised.
 */
public final class NormalizeTopology {

    private NormalizeTopology() {
    }

    /** Serdes the topology needs; built by the app from the registry config, by tests from a mock registry. */
    public record NormalizeSerdes(Serde<RawRecord> rawRecord, Serde<MunicipalitySphereKey> observationKey,
                                   Serde<Observation> observation, Serde<DeadLetter> deadLetter) {
    }

    public static Topology buildTopology(RecordNormalizer normalizer, NormalizeMetrics metrics,
                                         NormalizeSerdes serdes, Clock clock) {
        AreaHarmonizer harmonizer = normalizer.harmonizer();
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], NormalizeOutcome> outcomes = builder
                .stream(Topics.RAW_TOPICS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("raw-records-source"))
                .process(() -> new NormalizeProcessor(serdes.rawRecord().deserializer(), normalizer, metrics, clock),
                        Named.as("normalize-raw-records"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HarmonizeProcessor.STORE),
                Serdes.String(), serdes.observation()));

        Map<String, KStream<byte[], NormalizeOutcome>> branches = outcomes.split(Named.as("outcome-"))
                .branch((k, v) -> v instanceof NormalizeOutcome.Emitted, Branched.as("observations"))
                .branch((k, v) -> v instanceof NormalizeOutcome.ToHarmonise, Branched.as("to-harmonise"))
                .branch((k, v) -> v instanceof NormalizeOutcome.DeadLettered, Branched.as("dead-letters"))
                .noDefaultBranch();

        KStream<MunicipalitySphereKey, Observation> current = branches.get("outcome-observations")
                .map((k, v) -> ((NormalizeOutcome.Emitted) v).toKeyValue(), Named.as("key-by-municipality-sphere"));

        KStream<MunicipalitySphereKey, Observation> harmonised = branches.get("outcome-to-harmonise")
                .map((k, v) -> ((NormalizeOutcome.ToHarmonise) v).toKeyValue(), Named.as("key-by-successor"))
                .repartition(Repartitioned.with(Serdes.String(), serdes.observation()).withName("harmonise-parts"))
                .process(() -> new HarmonizeProcessor(harmonizer, metrics, clock), Named.as("harmonise"), HarmonizeProcessor.STORE);

        current.merge(harmonised, Named.as("current-and-harmonised"))
                .to(Topics.OBSERVATIONS, Produced.with(serdes.observationKey(), serdes.observation()).withName("observations-sink"));

        branches.get("outcome-dead-letters")
                .mapValues(v -> ((NormalizeOutcome.DeadLettered) v).deadLetter(), Named.as("unwrap-dead-letter"))
                .to(Topics.DLQ_NORMALIZE, Produced.with(Serdes.ByteArray(), serdes.deadLetter()).withName("dead-letters-sink"));
        return builder.build();
    }
}
