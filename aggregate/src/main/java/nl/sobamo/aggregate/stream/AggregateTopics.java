package nl.sobamo.aggregate.stream;

import java.util.List;

/**
 * Output topics the aggregate stage adds beside {@code nl.sobamo.topics.Topics} (which the schemas module
 * owns; the lead may move these constants there). Both compacted, keys and values Avro except where noted.
 */
public final class AggregateTopics {

    /** IndicatorKey (period = the later year) -> IndicatorChange. */
    public static final String TABLE_CHANGES = "sobamo.tables.changes.v1";
    /** String key "source/dataset" -> SourceFreshness. */
    public static final String TABLE_FRESHNESS = "sobamo.tables.freshness.v1";

    public static final List<String> OWNED = List.of(TABLE_CHANGES, TABLE_FRESHNESS);

    private AggregateTopics() {
    }
}
