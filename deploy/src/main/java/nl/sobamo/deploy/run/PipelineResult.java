package nl.sobamo.deploy.run;

import java.util.List;
import java.util.Map;
import nl.sobamo.aggregate.district.ObservationHome;
import nl.sobamo.ingest.IngestReport;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.DistrictKey;
import nl.sobamo.schemas.DistrictValue;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;

/**
 * What one run over the bundled data produced: ingest reports, topic record counts, the table snapshots and, per
 * {@code ObservationHome}, how many observations feed which table (the aggregate reconciliation). {@code indicators}
 * are the indicator rows joined by key with their positions from {@code sobamo.tables.positions.v1}, as the query
 * API and its exports show them.
 */
public record PipelineResult(
        List<IngestReport> ingestReports,
        Map<String, Long> recordsPerTopic,
        Map<IndicatorKey, IndicatorValue> indicators,
        Map<BenchmarkKey, BenchmarkRow> benchmarks,
        Map<DistrictKey, DistrictValue> districts,
        Map<ObservationHome, Long> observationHomes) {

    /** "Aggregate reconciliation: N observations = a municipality table + ... + e without a table (reason)". */
    public String reconciliation() {
        long total = observationHomes.values().stream().mapToLong(Long::longValue).sum();
        long weighted = indicators.values().stream().filter(v -> v.getWeighting() != null).count();
        return String.format(java.util.Locale.ROOT, "Aggregate reconciliation: %d observations = %d municipality-level + %d "
                        + "pushed records (combined per municipality) + %d district-level (districts table; %d weighted "
                        + "municipality rows) + %d without a table (unknown area level)", total,
                observationHomes.getOrDefault(ObservationHome.MUNICIPALITY_TABLE, 0L),
                observationHomes.getOrDefault(ObservationHome.MUNICIPALITY_TABLE_FROM_RECORDS, 0L),
                observationHomes.getOrDefault(ObservationHome.DISTRICT_TABLE, 0L), weighted,
                observationHomes.getOrDefault(ObservationHome.NONE_UNKNOWN_AREA_LEVEL, 0L));
    }
}
