package nl.sobamo.aggregate.stream;

import java.util.List;
import nl.sobamo.topics.Topics;

/**
 * Output topics the aggregate stage adds beside {@code nl.sobamo.topics.Topics} (which the schemas module
 * owns; the lead may move these constants there). Both compacted, keys and values Avro except where noted.
 */
public final class AggregateTopics {

    /** IndicatorKey (period = the later year) -> IndicatorChange. */
    public static final String TABLE_CHANGES = "sobamo.tables.changes.v1";
    /** String key "source/dataset" -> SourceFreshness. */
    public static final String TABLE_FRESHNESS = "sobamo.tables.freshness.v1";

    /**
     * Created when missing at start (see {@code OwnedTopics}): this stage's own sinks, the districts table, and the
     * indicator catalog topic it reads into a global store (normalize publishes it; a global store needs its topic).
     */
    public static final List<String> OWNED = List.of(TABLE_CHANGES, TABLE_FRESHNESS, Topics.TABLE_DISTRICTS,
            Topics.TABLE_POSITIONS, Topics.REFERENCE_INDICATORS);

    private AggregateTopics() {
    }
}
