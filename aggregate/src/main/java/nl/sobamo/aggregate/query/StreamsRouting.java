package nl.sobamo.aggregate.query;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Routing from Kafka Streams metadata: every instance runs with {@code application.server=host:port} of its
 * query API, so {@link KafkaStreams#queryMetadataForKey} names the instance that owns a key's partition. The
 * partition keys are the plain strings the repartition topics are keyed by (municipality code; indicator|period),
 * serialised like the topology does, so the metadata agrees with where the data is.
 */
public final class StreamsRouting implements Routing {

    private static final StringSerializer KEYS = new StringSerializer();
    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;

    public StreamsRouting(Supplier<KafkaStreams> streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public Optional<String> remoteOwner(String storeName, String partitionKey) {
        KeyQueryMetadata metadata = streams.get().queryMetadataForKey(storeName, partitionKey, KEYS);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new UnavailableException("no instance owns " + storeName + " for " + partitionKey + " yet (rebalancing)");
        }
        HostInfo owner = metadata.activeHost();
        return owner.equals(self) ? Optional.empty() : Optional.of(url(owner));
    }

    @Override
    public List<String> otherInstances(String storeName) {
        return streams.get().streamsMetadataForStore(storeName).stream()
                .map(m -> m.hostInfo())
                .filter(h -> !h.equals(self))
                .map(StreamsRouting::url)
                .distinct()
                .toList();
    }

    private static String url(HostInfo h) {
        return "http://" + h.host() + ":" + h.port();
    }

    /** The data is not queryable right now (rebalance, restore); the API answers 503. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
    }
}
