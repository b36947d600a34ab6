package nl.sobamo.deploy.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.SourceRef;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the indicator and benchmark tables as CSV, one row per table key, sorted so that two exports of the
 * same tables are byte-identical. Every indicator row names the source records it was computed from.
 */
public final class CsvTables {

    public static final String INDICATORS_FILE = "indicators.csv";
    public static final String BENCHMARKS_FILE = "benchmarks.csv";

    private CsvTables() {
    }

    public static Path writeIndicators(Path dir, Map<IndicatorKey, IndicatorValue> table, Function<String, String> names)
            throws IOException {
        Path file = dir.resolve(INDICATORS_FILE);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("municipality_code", "municipality_name",
                     "sphere", "ingredient", "indicator_id", "period", "value", "unit", "raw_value", "raw_unit",
                     "denominator_indicator_id", "denominator_value", "denominator_reference_date", "lower_bound",
                     "upper_bound", "harmonised", "data_as_of", "sources").get())) {
            for (IndicatorValue v : table.values().stream().sorted(Comparator.comparing(IndicatorValue::getIndicatorId)
                    .thenComparing(IndicatorValue::getPeriod).thenComparing(IndicatorValue::getMunicipalityCode)).toList()) {
                csv.printRecord(v.getMunicipalityCode(), names.apply(v.getMunicipalityCode()), v.getSphere(), v.getIngredient(),
                        v.getIndicatorId(), v.getPeriod(), number(v.getValue()), v.getUnit(), number(v.getRawValue()),
                        v.getRawUnit(), v.getDenominatorIndicatorId(), number(v.getDenominatorValue()),
                        v.getDenominatorReferenceDate(), number(v.getLowerBound()), number(v.getUpperBound()),
                        v.getHarmonised(), instant(v.getDataAsOf()), sources(v));
            }
        }
        return file;
    }

    public static Path writeBenchmarks(Path dir, Map<BenchmarkKey, BenchmarkRow> table) throws IOException {
        Path file = dir.resolve(BENCHMARKS_FILE);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("indicator_id", "period", "group_type",
                     "group_value", "unit", "n", "group_size", "coverage", "mean", "min", "p10", "p25", "median", "p75",
                     "p90", "max", "data_as_of").get())) {
            for (BenchmarkRow r : table.values().stream().sorted(Comparator.comparing(BenchmarkRow::getIndicatorId)
                    .thenComparing(BenchmarkRow::getPeriod).thenComparing(BenchmarkRow::getGroupType)
                    .thenComparing(BenchmarkRow::getGroupValue)).toList()) {
                csv.printRecord(r.getIndicatorId(), r.getPeriod(), r.getGroupType(), r.getGroupValue(), r.getUnit(), r.getN(),
                        r.getGroupSize(), number(r.getCoverage()), number(r.getMean()), number(r.getMin()), number(r.getP10()),
                        number(r.getP25()), number(r.getMedian()), number(r.getP75()), number(r.getP90()), number(r.getMax()),
                        instant(r.getDataAsOf()));
            }
        }
        return file;
    }

    /** Plain decimal notation (no 1.5E7), full precision, empty for missing. */
    static String number(Double d) {
        return d == null ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String instant(Instant i) {
        return i == null ? "" : i.toString();
    }

    private static String sources(IndicatorValue v) {
        return v.getProvenance().stream().map(CsvTables::source).distinct().collect(Collectors.joining(" + "));
    }

    private static String source(SourceRef s) {
        return s.getSource() + ":" + s.getDataset() + ":" + s.getPeriod() + ":" + s.getSourceRecordId();
    }
}
