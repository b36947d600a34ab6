package nl.sobamo.topics;

import java.util.Arrays;
import java.util.List;

/**
 * Topic names of the pipeline, one constant per topic, as fixed in DESIGN.md. Versioned names (".v1") let a
 * breaking change run beside the old topic instead of rewriting it.
 */
public final class Topics {

    public static final String RAW_CBS_KWB = "sobamo.raw.cbs-kwb.v1";
    public static final String RAW_IV3 = "sobamo.raw.iv3.v1";
    public static final String RAW_PUSH = "sobamo.raw.push.v1";
    public static final String RAW_CBS_GEBIEDEN = "sobamo.raw.cbs-gebieden.v1";
    public static final String RAW_RIVM = "sobamo.raw.rivm.v1";
    public static final String RAW_LEEFBAAROMETER = "sobamo.raw.leefbaarometer.v1";

    /** Compacted: per pulled table what was fetched last (modified date, ETag, content hash, resume position). */
    public static final String INGEST_CHECKPOINTS = "sobamo.ingest.checkpoints.v1";

    public static final String OBSERVATIONS = "sobamo.observations.v1";
    public static final String REFERENCE_AREAS = "sobamo.reference.areas.v1";
    /** Compacted: indicator id -> IndicatorReference (the catalog: names, definition, unit, normalisation), from normalize. */
    public static final String REFERENCE_INDICATORS = "sobamo.reference.indicators.v1";

    /** Compacted: IndicatorKey -> IndicatorValue, one record per value change (position fields no longer filled). */
    public static final String TABLE_INDICATORS = "sobamo.tables.indicators.v1";
    /**
     * Compacted: IndicatorKey (the key of the indicator row) -> IndicatorPosition, one record per position change; a
     * tombstone when a row stops having a position. See docs/decisions/0011-positions-topic.md.
     */
    public static final String TABLE_POSITIONS = "sobamo.tables.positions.v1";
    public static final String TABLE_BENCHMARKS = "sobamo.tables.benchmarks.v1";
    /** Compacted: DistrictKey (area code WK/BU, indicator, period) -> DistrictValue, from aggregate. */
    public static final String TABLE_DISTRICTS = "sobamo.tables.districts.v1";

    public static final String DLQ_INGEST = "sobamo.dlq.ingest.v1";
    public static final String DLQ_NORMALIZE = "sobamo.dlq.normalize.v1";

    /** Raw topics the normalize stage reads: one per {@link Source}. */
    public static final List<String> RAW_TOPICS = Arrays.stream(Source.values()).map(Source::rawTopic).toList();

    private Topics() {
    }
}
