package nl.sobamo.deploy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import nl.sobamo.aggregate.bench.AggregateBenchmark;
import nl.sobamo.deploy.load.PushEndToEndLoad;
import nl.sobamo.ingest.bench.PullBenchmark;
import nl.sobamo.normalize.bench.NormalizeBenchmark;
import nl.sobamo.testkit.bench.Bench;

/**
 * One harness for every stage (a program, not a test; {@code bin/sobamo-bench}). Each stage is measured against its
 * own plain-producer baseline taken in the same run (absolute rates on shared machines move with other people's
 * load; the ratios are what count):
 *
 * <ol>
 *   <li><b>platform</b>: the embedded platform (KRaft broker in this JVM, Apicurio child process), normalize, aggregate
 *       and the push API run the bundled national data, then municipal pushes end to end (request -> row committed in
 *       the indicator table, {@link PushEndToEndLoad}); the peak resident memory of this JVM plus Apicurio during both.
 *       First, so the resident memory is the platform's, not what earlier stages left in this JVM's heap.</li>
 *   <li><b>normalize</b> alone ({@link NormalizeBenchmark}); both it and its plain producer first run the records once,
 *       untimed, so both JITs are warm.</li>
 *   <li><b>pull</b>: an open-data pull of generated pages from the fixture server ({@link PullBenchmark}); after a whole
 *       untimed round of each, three alternating rounds of plain producer and pull, the median ratio.</li>
 *   <li><b>aggregate</b>: a national load of synthetic observations, records per final row on the indicator topic, the
 *       final tables checked against a recomputation at rest, single-update latency ({@link AggregateBenchmark}).</li>
 *   <li><b>scaleout</b>: the same aggregate load with two instances on four partitions.</li>
 * </ol>
 *
 * <p>Options: {@code --quick} (about a minute of measuring: small sizes), {@code --observations N} (1,000,000),
 * {@code --cells N} (1,100,000), {@code --pushes N} (1,000), {@code --raw-records N} (100,000),
 * {@code --concurrency C} (4), {@code --samples N} (20), {@code --stages a,b,...} (all), {@code --normalize-threads N}
 * (1, normalize's default); any other aggregate option
 * ({@code --commit-ms}, {@code --interval-ms}, {@code --cache-mb}, ...) is passed on. The last line is one JSON object.
 */
public final class SobamoBench {

    private SobamoBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Bench.options(args));
        boolean quick = o.containsKey("quick");
        long observations = Long.parseLong(o.getOrDefault("observations", quick ? "51300" : "1000000"));
        long cells = Long.parseLong(o.getOrDefault("cells", quick ? "220000" : "1100000"));
        int pushes = Integer.parseInt(o.getOrDefault("pushes", quick ? "300" : "1000"));
        int rawRecords = Integer.parseInt(o.getOrDefault("raw-records", quick ? "20000" : "100000"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "4"));
        Set<String> stages = Set.of(o.getOrDefault("stages", "platform,normalize,pull,aggregate,scaleout").split(","));
        o.put("observations", Long.toString(observations));
        o.putIfAbsent("samples", quick ? "10" : "20");

        Map<String, Object> json = new LinkedHashMap<>();
        List<String[]> table = new ArrayList<>();
        if (stages.contains("platform")) {
            PushEndToEndLoad.Outcome p = PushEndToEndLoad.run(pushes, concurrency, Duration.ofSeconds(120), null, true);
            long p99 = Bench.percentile(p.endToEndMs(), 99);
            table.add(row("bundled run (ingest -> tables, drained)", fmt("%.1f s", p.bundledSeconds()), "", ""));
            table.add(row("push -> indicator row", fmt("%.0f pushes/s", p.pushesPerS()), "",
                    fmt("p50 %d ms, p99 %d ms, missing %d", Bench.percentile(p.endToEndMs(), 50), p99, p.missing())));
            table.add(row("platform peak RSS (JVM + Apicurio)", fmt("%.0f MB", p.peakRssMb()), "", ""));
            json.put("push_to_table_p99_ms", p99);
            json.put("push_per_s", round(p.pushesPerS(), 1));
            json.put("platform_rss_mb", Math.round(p.peakRssMb()));
            json.put("bundled_run_s", round(p.bundledSeconds(), 1));
        }
        if (stages.contains("normalize")) {
            NormalizeBenchmark.Result n = NormalizeBenchmark.run(rawRecords, 3, Integer.parseInt(o.getOrDefault("commit-ms",
                    Long.toString(nl.sobamo.config.StreamsSettings.DEFAULT_COMMIT_INTERVAL.toMillis()))),
                    Integer.parseInt(o.getOrDefault("normalize-threads", "1")));
            table.add(row("normalize alone", fmt("%,.0f raw/s", n.recordsPerS()), fmt("%,.0f raw/s", n.baselineRecordsPerS()),
                    fmt("ratio %.3f", n.ratio())));
            json.put("normalize_ratio", round(n.ratio(), 3));
            json.put("normalize_records_per_s", Math.round(n.recordsPerS()));
        }
        if (stages.contains("pull")) {
            PullBenchmark.Result r = PullBenchmark.run(PullBenchmark.rowsForCells(cells));
            table.add(row(fmt("open-data pull, %,d cells", r.cells()), fmt("%,.0f rec/s", r.recordsPerS()),
                    fmt("%,.0f rec/s", r.baselineRecordsPerS()), fmt("ratio %.3f", r.ratio())));
            json.put("pull_ratio", round(r.ratio(), 3));
            json.put("pull_records_per_s", Math.round(r.recordsPerS()));
        }
        if (stages.contains("aggregate")) {
            AggregateBenchmark.Result a = AggregateBenchmark.run(AggregateBenchmark.Options.from(o));
            addAggregate(table, json, a, "aggregate", "");
        }
        if (stages.contains("scaleout")) {
            Map<String, String> s = new LinkedHashMap<>(o);
            s.put("instances", "2");
            s.put("partitions", "4");
            AggregateBenchmark.Result a = AggregateBenchmark.run(AggregateBenchmark.Options.from(s));
            addAggregate(table, json, a, "aggregate, 2 instances x 4 partitions", "scaleout_");
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "%-62s | %-18s | %-18s | %s%n", "stage", "rate", "plain producer", "result");
        System.out.println("-".repeat(62) + "-|-" + "-".repeat(18) + "-|-" + "-".repeat(18) + "-|-" + "-".repeat(40));
        for (String[] r : table) {
            System.out.printf(Locale.ROOT, "%-62s | %-18s | %-18s | %s%n", (Object[]) r);
        }
        System.out.println(toJson(json));
        System.exit(0); // client libraries may leave non-daemon threads behind; everything is closed by now
    }

    private static void addAggregate(List<String[]> table, Map<String, Object> json, AggregateBenchmark.Result a, String label,
                                     String prefix) {
        table.add(row(fmt("%s, %,d observations", label, a.options().observations()), fmt("%,.0f obs/s", a.obsPerS()),
                fmt("%,.0f obs/s", a.baselineObsPerS()), fmt("ratio %.3f (%.1f s), %s", a.ratio(), a.seconds(),
                        a.mismatches() == 0 ? "final tables correct" : a.mismatches() < 0 ? "not verified"
                                : a.mismatches() + " rows WRONG")));
        table.add(row(label + ": indicator records per final row", fmt("%.2f", a.recordsPerRow()), "",
                fmt("%,d records, %,d rows", a.indicatorRecords(), a.indicatorRows())));
        table.add(row(label + ": positions topic records", fmt("%,d", a.positionRecords()), "", ""));
        // since positions have their own topic (decision 0011): the update's position record on the positions topic
        table.add(row(label + ": single update -> positioned row (position)", "", "", "ms " + Bench.summary(a.rowLatencies())));
        table.add(row(label + ": single update -> benchmark row", "", "", "ms " + Bench.summary(a.benchLatencies())));
        table.add(row(label + ": single update -> indicator row (value)", "", "", "ms " + Bench.summary(a.valueLatencies())));
        json.put(prefix + "aggregate_ratio", round(a.ratio(), 3));
        json.put(prefix + "aggregate_obs_per_s", Math.round(a.obsPerS()));
        json.put(prefix + "records_per_row", round(a.recordsPerRow(), 3));
        json.put(prefix + "single_update_p99_ms", Bench.percentile(a.rowLatencies(), 99));
        json.put(prefix + "single_update_benchmark_p99_ms", Bench.percentile(a.benchLatencies(), 99));
        json.put(prefix + "single_update_row_p99_ms", Bench.percentile(a.valueLatencies(), 99));
        json.put(prefix + "aggregate_mismatches", a.mismatches());
    }

    private static String[] row(String... cells) {
        return cells;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static String toJson(Map<String, Object> json) {
        StringBuilder sb = new StringBuilder("{");
        json.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
        return sb.append('}').toString();
    }
}
