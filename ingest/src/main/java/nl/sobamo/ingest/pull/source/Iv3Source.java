package nl.sobamo.ingest.pull.source;

import nl.sobamo.ingest.bundle.Iv3BundleParser;
import java.util.List;

import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.TableProtocol;
import nl.sobamo.ingest.pull.protocol.odata3.V3Protocol;
import nl.sobamo.ingest.pull.MapperContext;
import nl.sobamo.ingest.pull.RecordMapper;
import nl.sobamo.ingest.pull.SourceDefinition;

/** Iv3 municipal accounts/budgets from dataderden.cbs.nl (OData v3): one record per municipality account. */
public final class Iv3Source implements SourceDefinition {

    private final OpenDataConfig config;

    public Iv3Source(OpenDataConfig config) {
        this.config = config;
    }

    @Override
    public String source() {
        return Iv3BundleParser.SOURCE;
    }

    @Override
    public String topicProperty() {
        return IngestConfig.TOPIC_RAW_IV3;
    }

    @Override
    public String licence() {
        return "CC BY 4.0 (CBS)";
    }

    @Override
    public TableProtocol protocol(SourceHttp http, String table) {
        return new V3Protocol(http, config.dataderdenUrl(), table, "TypedDataSet", List.of("Gemeenten", "Taakvelden"),
                true);
    }

    @Override
    public RecordMapper mapper(MapperContext context) {
        return new Iv3ODataMapper(context);
    }
}
