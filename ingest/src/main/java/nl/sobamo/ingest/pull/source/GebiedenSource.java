package nl.sobamo.ingest.pull.source;

import java.util.List;

import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.TableProtocol;
import nl.sobamo.ingest.pull.protocol.odata3.V3Protocol;
import nl.sobamo.ingest.pull.protocol.odata3.V3RegionMapper;
import nl.sobamo.ingest.pull.MapperContext;
import nl.sobamo.ingest.pull.RecordMapper;
import nl.sobamo.ingest.pull.SourceDefinition;

/** CBS Gebieden in Nederland (e.g. 85067NED): one record per municipality with province, size class, urbanity. */
public final class GebiedenSource implements SourceDefinition {

    public static final String SOURCE = "cbs-gebieden";

    private final OpenDataConfig config;

    public GebiedenSource(OpenDataConfig config) {
        this.config = config;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public String topicProperty() {
        return IngestConfig.TOPIC_RAW_CBS_GEBIEDEN;
    }

    @Override
    public String licence() {
        return "CC BY 4.0 (CBS)";
    }

    @Override
    public TableProtocol protocol(SourceHttp http, String table) {
        return new V3Protocol(http, config.cbsV3Url(), table, "TypedDataSet", List.of(), true);
    }

    @Override
    public RecordMapper mapper(MapperContext context) {
        return new V3RegionMapper(context, "RegioS");
    }
}
