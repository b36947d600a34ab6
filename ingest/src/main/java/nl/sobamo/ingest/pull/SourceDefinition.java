package nl.sobamo.ingest.pull;

import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.ingest.pull.protocol.TableProtocol;

/** One open-data source: its route, topic, and how its tables are fetched and mapped. */
public interface SourceDefinition {

    /** e.g. {@code cbs-kwb}: the records' {@code source} and the metrics' tag. */
    String source();

    /** Camel route id, e.g. {@code cbs-kwb-pull}. */
    default String routeId() {
        return source() + "-pull";
    }

    /** The route's input, e.g. {@code direct:pull-cbs-kwb}; the body names the table. */
    default String endpoint() {
        return "direct:pull-" + source();
    }

    /** Camel property holding the raw topic. */
    String topicProperty();

    String licence();

    TableProtocol protocol(SourceHttp http, String table);

    RecordMapper mapper(MapperContext context);

    /** Checkpoint key of a table. */
    default String checkpointKey(String table) {
        return source() + "/" + table;
    }

    /** Called with the metadata before any row: a source may reject a table it cannot map. */
    default void check(TableMetadata metadata) {
    }
}
