package nl.sobamo.aggregate.position;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many in-memory entries (ranking members plus last published positions) the positions steps of one JVM may hold
 * together. Their caches are a speed-up over the stores, which stay the source of truth; without a bound a national
 * reload (about a million rows) would hold every row twice on the heap, more than a pod's heap (the full bench run
 * spent its time in full GCs). Shared by every stream thread's tasks, hence a counter, not a per-task limit.
 *
 * <p>The default is {@value #DEFAULT_HEAP_SHARE_PERCENT}% of the maximum heap at {@value #BYTES_PER_ENTRY} bytes an
 * entry (a measured-order estimate: a small Avro record with a few strings plus its map entry); override with the
 * system property or environment variable {@value #PROPERTY} / {@code SOBAMO_AGGREGATE_POSITION_CACHE_ENTRIES}.
 */
public final class MemoryBudget {

    public static final String PROPERTY = "sobamo.aggregate.position-cache-entries";
    static final int DEFAULT_HEAP_SHARE_PERCENT = 30;
    static final int BYTES_PER_ENTRY = 512;

    private static final MemoryBudget JVM = new MemoryBudget(configuredEntries());

    private final long maxEntries;
    private final AtomicLong held = new AtomicLong();

    public MemoryBudget(long maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("position cache entries must be >= 0, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** The budget every positions step of this JVM shares. */
    public static MemoryBudget jvm() {
        return JVM;
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

    long maxEntries() {
        return maxEntries;
    }

    private static long configuredEntries() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv("SOBAMO_AGGREGATE_POSITION_CACHE_ENTRIES");
        }
        if (value != null && !value.isBlank()) {
            try {
                return Long.parseLong(value.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PROPERTY + " must be a whole number of entries, was '" + value + "'", e);
            }
        }
        return Runtime.getRuntime().maxMemory() / 100 * DEFAULT_HEAP_SHARE_PERCENT / BYTES_PER_ENTRY;
    }
}
