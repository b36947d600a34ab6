package nl.sobamo.ingest.pull.source;

import nl.sobamo.ingest.bundle.KwbBundleParser;
import java.util.List;

import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.TableProtocol;
import nl.sobamo.ingest.pull.protocol.odata3.V3Protocol;
import nl.sobamo.ingest.pull.protocol.odata3.V3RegionMapper;
import nl.sobamo.ingest.pull.protocol.odata4.V4Protocol;
import nl.sobamo.ingest.pull.protocol.odata4.V4RegionPivot;
import nl.sobamo.ingest.pull.MapperContext;
import nl.sobamo.ingest.pull.RecordMapper;
import nl.sobamo.ingest.pull.SourceDefinition;

/**
 * CBS Kerncijfers wijken en buurten, any year: v3 {@code TypedDataSet} (one row per region) or v4
 * {@code Observations} (pivoted to one record per region), as {@value OpenDataConfig#KWB_PROTOCOL} says.
 */
public final class KwbSource implements SourceDefinition {

    private final OpenDataConfig config;

    public KwbSource(OpenDataConfig config) {
        this.config = config;
    }

    @Override
    public String source() {
        return KwbBundleParser.SOURCE;
    }

    @Override
    public String topicProperty() {
        return IngestConfig.TOPIC_RAW_CBS_KWB;
    }

    @Override
    public String licence() {
        return KwbBundleParser.LICENCE;
    }

    @Override
    public TableProtocol protocol(SourceHttp http, String table) {
        return config.kwbProtocol().equals("v4")
                ? new V4Protocol(http, config.cbsV4Url(), table)
                : new V3Protocol(http, config.cbsV3Url(), table, "TypedDataSet", List.of(), true);
    }

    @Override
    public RecordMapper mapper(MapperContext context) {
        return config.kwbProtocol().equals("v4") ? new V4RegionPivot(context)
                : new V3RegionMapper(context, "WijkenEnBuurten");
    }
}
