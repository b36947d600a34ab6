package nl.sobamo.aggregate.query;

import java.util.List;
import java.util.Optional;

/**
 * Which instance answers for a key. Stores are partitioned (profiles by municipality, positions and
 * benchmarks by indicator + period); the instance that owns the partition answers, others forward to it.
 */
public interface Routing {

    /** Base URL (http://host:port) of the owning instance when that is another instance; empty when local. */
    Optional<String> remoteOwner(String storeName, String partitionKey);

    /** Base URLs of the other instances that host a partition of the store (for full-table reads). */
    List<String> otherInstances(String storeName);

    Routing LOCAL_ONLY = new Routing() {
        @Override
        public Optional<String> remoteOwner(String storeName, String partitionKey) {
            return Optional.empty();
        }

        @Override
        public List<String> otherInstances(String storeName) {
            return List.of();
        }
    };
}
