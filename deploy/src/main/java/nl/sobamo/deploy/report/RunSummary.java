package nl.sobamo.deploy.report;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;

/** The short human summary the one-command run prints once the tables are complete. */
public record RunSummary(
        Map<String, Long> recordsPerTopic,
        Map<IndicatorKey, IndicatorValue> indicators,
        Map<BenchmarkKey, BenchmarkRow> benchmarks,
        String headlineIndicator,
        String headlinePeriod,
        Function<String, String> names) {

    public long municipalitiesInIndicatorTable() {
        return indicators.keySet().stream().map(IndicatorKey::getMunicipalityCode).distinct().count();
    }

    public BenchmarkRow headlineBenchmark() {
        return benchmarks.get(new BenchmarkKey(headlineIndicator, headlinePeriod, "national", "NL"));
    }

    public List<IndicatorValue> headlineRanking() {
        return indicators.values().stream()
                .filter(v -> v.getIndicatorId().equals(headlineIndicator) && v.getPeriod().equals(headlinePeriod)
                        && v.getValue() != null)
                .sorted(Comparator.comparing(IndicatorValue::getValue).reversed()
                        .thenComparing(IndicatorValue::getMunicipalityCode))
                .toList();
    }

    public void print(PrintStream out) {
        out.println();
        out.println("=== sobamo: pipeline run over the bundled real data ===");
        out.println("Records per topic:");
        recordsPerTopic.forEach((topic, n) -> out.printf(Locale.ROOT, "  %-32s %,8d%n", topic, n));
        out.printf(Locale.ROOT, "Indicator table: %,d rows, %d municipalities, indicators %s%n", indicators.size(),
                municipalitiesInIndicatorTable(), countsPerIndicator());
        out.printf(Locale.ROOT, "Benchmark table: %,d rows%n", benchmarks.size());
        BenchmarkRow b = headlineBenchmark();
        if (b == null) {
            out.println("No benchmark row for " + headlineIndicator + " " + headlinePeriod);
            return;
        }
        List<IndicatorValue> ranking = headlineRanking();
        IndicatorValue any = ranking.isEmpty() ? null : ranking.get(0);
        out.printf(Locale.ROOT, "%nBenchmark %s %s, %s group %s (%s)%n", b.getIndicatorId(), b.getPeriod(), b.getGroupType(),
                b.getGroupValue(), b.getUnit());
        if (any != null) {
            out.printf(Locale.ROOT, "  definition: Iv3 taakveld 6.1 lasten (jaarrekening %s) / %s on %s%n", b.getPeriod(),
                    any.getDenominatorIndicatorId(), any.getDenominatorReferenceDate());
        }
        out.printf(Locale.ROOT, "  n = %d of %s municipalities (coverage %.1f%%)%n", b.getN(), b.getGroupSize(),
                b.getCoverage() == null ? Double.NaN : b.getCoverage() * 100);
        out.printf(Locale.ROOT, "  mean %.2f | min %.2f | p10 %.2f | p25 %.2f | median %.2f | p75 %.2f | p90 %.2f | max %.2f%n",
                b.getMean(), b.getMin(), b.getP10(), b.getP25(), b.getMedian(), b.getP75(), b.getP90(), b.getMax());
        out.println("  highest:");
        ranking.stream().limit(5).forEach(v -> line(out, v));
        out.println("  lowest:");
        ranking.subList(Math.max(0, ranking.size() - 5), ranking.size()).forEach(v -> line(out, v));
    }

    private Map<String, Long> countsPerIndicator() {
        Map<String, Long> counts = new LinkedHashMap<>();
        indicators.keySet().stream().sorted(Comparator.comparing(IndicatorKey::getIndicatorId).thenComparing(IndicatorKey::getPeriod))
                .forEach(k -> counts.merge(k.getIndicatorId() + "@" + k.getPeriod(), 1L, Long::sum));
        return counts;
    }

    private void line(PrintStream out, IndicatorValue v) {
        out.printf(Locale.ROOT, "    %s %-28s %10.2f  (%,.0f EUR / %,.0f)%n", v.getMunicipalityCode(),
                names.apply(v.getMunicipalityCode()), v.getValue(), v.getRawValue(), v.getDenominatorValue());
    }
}
