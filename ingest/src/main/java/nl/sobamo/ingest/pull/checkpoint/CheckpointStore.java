package nl.sobamo.ingest.pull.checkpoint;

import java.util.Optional;

import nl.sobamo.schemas.IngestCheckpoint;

/** Durable per-table checkpoints, keyed by {@link IngestCheckpoint#getTable()} ({@code <source>/<table id>}). */
public interface CheckpointStore extends AutoCloseable {

    Optional<IngestCheckpoint> get(String key);

    /** Stores the checkpoint; durable when this returns. */
    void put(IngestCheckpoint checkpoint);

    @Override
    default void close() {
    }
}
