package nl.sobamo.deploy.load;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects durations (nanoseconds) from many threads and reports percentiles in milliseconds. Sorting once at the
 * end is fine for the few thousand samples of a load run and keeps the percentiles exact.
 */
final class LatencyRecorder {

    private final ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();

    void record(long nanos) {
        samples.add(nanos);
    }

    int count() {
        return samples.size();
    }

    /** The samples in whole milliseconds, in no particular order. */
    java.util.List<Long> millis() {
        return samples.stream().map(n -> n / 1_000_000).toList();
    }

    Summary summary() {
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Summary(sorted.length, percentile(sorted, 50), percentile(sorted, 99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** Percentiles in milliseconds. */
    record Summary(int count, double p50, double p99, double max) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", p50, p99, max, count);
        }
    }
}
