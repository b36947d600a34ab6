package nl.sobamo.ingest.pull.checkpoint;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import nl.sobamo.schemas.IngestCheckpoint;

/** Checkpoints in a map: for route tests and for runs that must not remember anything. */
public final class InMemoryCheckpointStore implements CheckpointStore {

    private final Map<String, IngestCheckpoint> checkpoints = new ConcurrentHashMap<>();

    @Override
    public Optional<IngestCheckpoint> get(String key) {
        return Optional.ofNullable(checkpoints.get(key));
    }

    @Override
    public void put(IngestCheckpoint checkpoint) {
        checkpoints.put(checkpoint.getTable(), IngestCheckpoint.newBuilder(checkpoint).build());
    }

    public Map<String, IngestCheckpoint> all() {
        return Map.copyOf(checkpoints);
    }
}
