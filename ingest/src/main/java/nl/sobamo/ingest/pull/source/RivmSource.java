package nl.sobamo.ingest.pull.source;

import java.util.List;

import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.TableProtocol;
import nl.sobamo.ingest.pull.protocol.odata3.V3Protocol;
import nl.sobamo.ingest.pull.MapperContext;
import nl.sobamo.ingest.pull.RecordMapper;
import nl.sobamo.ingest.pull.SourceDefinition;

/**
 * RIVM Gezondheidsmonitor Volwassenen en Ouderen (50090NED, 50120NED, ...) from dataderden.cbs.nl, read from the
 * {@code UntypedDataSet} (the values exactly as StatLine renders them); margins pivoted by {@link RivmMapper}. The
 * mapper knows the table's dimensions by name, so only TableInfos is read as metadata.
 */
public final class RivmSource implements SourceDefinition {

    public static final String SOURCE = "rivm";

    private final OpenDataConfig config;

    public RivmSource(OpenDataConfig config) {
        this.config = config;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public String topicProperty() {
        return IngestConfig.TOPIC_RAW_RIVM;
    }

    @Override
    public String licence() {
        return "CC BY 4.0 (RIVM/CBS)";
    }

    @Override
    public TableProtocol protocol(SourceHttp http, String table) {
        return new V3Protocol(http, config.dataderdenUrl(), table, "UntypedDataSet", List.of(), false);
    }

    @Override
    public RecordMapper mapper(MapperContext context) {
        return new RivmMapper(context);
    }
}
