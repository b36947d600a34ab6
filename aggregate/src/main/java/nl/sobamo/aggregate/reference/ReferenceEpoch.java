package nl.sobamo.aggregate.reference;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts changes to the global area-reference store in this application instance. A global store update
 * cannot trigger processing in stream tasks, so the positions step checks this counter on every punctuation
 * and, when it moved, re-reads the reference and recomputes every indicator-period whose grouping changed.
 * In memory only: after a restart every task starts at -1 and reconciles once against the restored store.
 */
public final class ReferenceEpoch {

    private final AtomicLong epoch = new AtomicLong();

    public void bump() {
        epoch.incrementAndGet();
    }

    public long current() {
        return epoch.get();
    }
}
