package nl.sobamo.aggregate.position;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many in-memory entries (ranking members plus last published positions) the positions steps of one app instance
 * may hold together. Their caches are a speed-up over the stores, which stay the source of truth; without a bound a
 * national reload (about a million rows) would hold every row twice on the heap, more than a pod's heap (the full bench
 * run spent its time in full GCs). One budget per built topology, shared by every stream thread's tasks, hence a
 * thread-safe counter, not a per-task limit. Configured by {@code sobamo.aggregate.position-cache-entries}
 * ({@link nl.sobamo.aggregate.config.AggregateConfig#positionCacheEntries()}).
 */
public final class MemoryBudget {

    static final int DEFAULT_HEAP_SHARE_PERCENT = 30;
    /** A measured-order estimate: a small Avro record with a few strings plus its map entry. */
    static final int BYTES_PER_ENTRY = 512;

    private final long maxEntries;
    private final AtomicLong held = new AtomicLong();

    public MemoryBudget(long maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("position cache entries must be >= 0, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** {@value #DEFAULT_HEAP_SHARE_PERCENT}% of the heap at {@value #BYTES_PER_ENTRY} bytes an entry. */
    public static long defaultEntries(long maxHeapBytes) {
        return maxHeapBytes / 100 * DEFAULT_HEAP_SHARE_PERCENT / BYTES_PER_ENTRY;
    }

    void add(long entries) {
        held.addAndGet(entries);
    }

    void release(long entries) {
        held.addAndGet(-entries);
    }

    boolean exceeded() {
        return held.get() > maxEntries;
    }

    long held() {
        return held.get();
    }
}
