package nl.sobamo.ingest.pull;

import java.util.Objects;
import java.util.function.Function;

import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.ingest.pull.protocol.TableProtocol;
import nl.sobamo.topics.Source;

/**
 * One open-data source as data: which {@link Source} it is (id, raw topic, licence), how a table of it is fetched
 * and how its rows become records. The sources differ only in these values, so they are listed together in
 * {@code nl.sobamo.ingest.pull.source.OpenDataSources}, not written as a class each.
 *
 * @param id       the source
 * @param protocol how one table is fetched (OData v3, v4 or a CSV document) over the pull's HTTP client
 * @param mapper   how the fetched rows become {@code RawRecord}s
 */
public record SourceDefinition(Source id, ProtocolFactory protocol, Function<MapperContext, RecordMapper> mapper) {

    /** Builds the protocol that fetches one table of a source. */
    @FunctionalInterface
    public interface ProtocolFactory {
        TableProtocol create(SourceHttp http, String table);
    }

    public SourceDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(mapper, "mapper");
    }

    /** e.g. {@code cbs-kwb}: the records' {@code source} and the metrics' tag. */
    public String source() {
        return id.id();
    }

    public String licence() {
        return id.licence();
    }

    /** Camel route id, e.g. {@code cbs-kwb-pull}. */
    public String routeId() {
        return source() + "-pull";
    }

    /** The route's input, e.g. {@code direct:pull-cbs-kwb}; the body names the table. */
    public String endpoint() {
        return "direct:pull-" + source();
    }

    /** Camel property holding the raw topic. */
    public String topicProperty() {
        return IngestConfig.topicProperty(id);
    }

    public TableProtocol protocol(SourceHttp http, String table) {
        return protocol.create(http, table);
    }

    public RecordMapper mapper(MapperContext context) {
        return mapper.apply(context);
    }

    /** Checkpoint key of a table. */
    public String checkpointKey(String table) {
        return source() + "/" + table;
    }

    /**
     * Called with the metadata before any row. Every source maps whatever metadata its protocol reads, so there is
     * nothing to reject today; a source that can only map some table layouts would check here.
     */
    public void check(TableMetadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
    }
}
