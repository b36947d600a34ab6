package nl.sobamo.ingest.pull.source;

import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.ingest.pull.protocol.csv.CsvDocumentProtocol;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.TableProtocol;
import nl.sobamo.ingest.pull.MapperContext;
import nl.sobamo.ingest.pull.RecordMapper;
import nl.sobamo.ingest.pull.SourceDefinition;

/** Leefbaarometer 3.0 scores, a CSV download ({@value OpenDataConfig#LEEFBAAROMETER_URL}). */
public final class LeefbaarometerSource implements SourceDefinition {

    public static final String SOURCE = "leefbaarometer";

    private final OpenDataConfig config;

    public LeefbaarometerSource(OpenDataConfig config) {
        this.config = config;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public String topicProperty() {
        return IngestConfig.TOPIC_RAW_LEEFBAAROMETER;
    }

    @Override
    public String licence() {
        return "Leefbaarometer 3.0 open data (Ministerie van BZK)";
    }

    @Override
    public TableProtocol protocol(SourceHttp http, String table) {
        return new CsvDocumentProtocol(http, config.leefbaarometerUrl(), table, ',');
    }

    @Override
    public RecordMapper mapper(MapperContext context) {
        return new LeefbaarometerMapper(context);
    }
}
