package nl.sobamo.ingest.pull.source;

import java.util.List;

import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.ingest.pull.SourceDefinition;
import nl.sobamo.ingest.pull.protocol.csv.CsvDocumentProtocol;
import nl.sobamo.ingest.pull.protocol.odata3.V3Catalog;
import nl.sobamo.ingest.pull.protocol.odata3.V3Protocol;
import nl.sobamo.ingest.pull.protocol.odata3.V3RegionMapper;
import nl.sobamo.ingest.pull.protocol.odata4.V4Protocol;
import nl.sobamo.ingest.pull.protocol.odata4.V4RegionPivot;
import nl.sobamo.topics.Source;

/**
 * The open-data sources the pulls know, as values: where each is fetched and how its rows are mapped. Everything
 * else about a source (id, raw topic, licence) is in {@link Source}.
 */
public final class OpenDataSources {

    private OpenDataSources() {
    }

    /** The pull definitions, in {@link OpenDataConfig#ALL_SOURCES} order. */
    public static List<SourceDefinition> all(OpenDataConfig config) {
        return List.of(kwb(config),
                // CBS Gebieden in Nederland (e.g. 85067NED): one record per municipality with province, size, urbanity
                new SourceDefinition(Source.CBS_GEBIEDEN,
                        (http, table) -> new V3Protocol(http, config.cbsV3Url(), table, "TypedDataSet", List.of(), true),
                        context -> new V3RegionMapper(context, "RegioS")),
                // Iv3 municipal accounts/budgets from dataderden: one record per municipality account
                // a table named, or found in the IV3 catalog by year; the real tables' layout (Categorie dimension) or
                // the fixture's constructed one (Lasten/Baten/Salarissen topics)
                new SourceDefinition(Source.IV3,
                        (http, table) -> new Iv3Protocol(http, config.dataderdenUrl(),
                                new V3Catalog(http, config.dataderdenCatalogUrl(), "IV3"), Iv3Table.parse(table)),
                        context -> Iv3CategoryMapper.handles(context.metadata()) ? new Iv3CategoryMapper(context)
                                : new Iv3ODataMapper(context)),
                // RIVM Gezondheidsmonitor (50090NED, ...) from dataderden: the UntypedDataSet has the values exactly as
                // StatLine renders them; the mapper knows the dimensions by name, so only TableInfos is read
                new SourceDefinition(Source.RIVM,
                        (http, table) -> new V3Protocol(http, config.dataderdenUrl(), table, "UntypedDataSet", List.of(),
                                false),
                        RivmMapper::new),
                // Leefbaarometer 3.0 scores: one CSV document
                new SourceDefinition(Source.LEEFBAAROMETER,
                        (http, table) -> new CsvDocumentProtocol(http, config.leefbaarometerUrl(), table, ','),
                        LeefbaarometerMapper::new));
    }

    /**
     * CBS Kerncijfers wijken en buurten, any year: v3 {@code TypedDataSet} (one row per region) or v4
     * {@code Observations} (pivoted to one record per region, measures named by their v3 keys through
     * {@link KwbMeasureAliases}), as {@value OpenDataConfig#KWB_PROTOCOL} says.
     */
    private static SourceDefinition kwb(OpenDataConfig config) {
        boolean v4 = config.kwbProtocol().equals("v4");
        return new SourceDefinition(Source.CBS_KWB,
                (http, table) -> v4 ? new V4Protocol(http, config.cbsV4Url(), table)
                        : new V3Protocol(http, config.cbsV3Url(), table, "TypedDataSet", List.of(), true),
                context -> v4 ? new V4RegionPivot(context, KwbMeasureAliases.bundled().forTable(context.metadata()))
                        : new V3RegionMapper(context, "WijkenEnBuurten"));
    }
}
