package nl.sobamo.aggregate.benchmark;

import java.util.Arrays;

/**
 * Percentiles by linear interpolation between order statistics (Hyndman and Fan type 7, the default of numpy,
 * R and Excel PERCENTILE.INC), so anyone can reproduce the benchmark numbers with a spreadsheet.
 */
public final class Percentiles {

    private final double[] sorted;

    public Percentiles(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("percentiles of an empty set are undefined");
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /** @param p between 0 and 1 */
    public double at(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("p must be within [0, 1], was " + p);
        }
        double h = (sorted.length - 1) * p;
        int lower = (int) Math.floor(h);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double mean() {
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return sum / sorted.length;
    }
}
