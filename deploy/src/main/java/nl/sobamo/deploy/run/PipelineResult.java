package nl.sobamo.deploy.run;

import java.util.List;
import java.util.Map;
import nl.sobamo.ingest.IngestReport;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;

/** What one run over the bundled data produced: ingest reports, topic record counts and the table snapshots. */
public record PipelineResult(
        List<IngestReport> ingestReports,
        Map<String, Long> recordsPerTopic,
        Map<IndicatorKey, IndicatorValue> indicators,
        Map<BenchmarkKey, BenchmarkRow> benchmarks) {
}
