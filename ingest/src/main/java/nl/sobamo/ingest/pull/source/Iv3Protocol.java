package nl.sobamo.ingest.pull.source;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import nl.sobamo.ingest.pull.http.Fetched;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.MalformedPageException;
import nl.sobamo.ingest.pull.protocol.Page;
import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.ingest.pull.protocol.TableProtocol;
import nl.sobamo.ingest.pull.protocol.odata3.V3Catalog;
import nl.sobamo.ingest.pull.protocol.odata3.V3Protocol;

/**
 * An Iv3 table on dataderden ({@link Iv3Table}): finds its id in the IV3 catalog when only a year is given, then
 * reads it as an OData v3 {@code TypedDataSet}, filtered on the {@code Verslagsoort} when one is given. The records'
 * dataset is the table id, plus the Verslagsoort when filtered.
 */
public final class Iv3Protocol implements TableProtocol {

    /** Code lists the Iv3 mappers read: municipality names and taakveld titles (either layout). */
    static final List<String> CODE_LISTS = List.of("Gemeenten", "Taakvelden", "TaakveldBalanspost");

    private final SourceHttp http;
    private final String dataderdenUrl;
    private final V3Catalog catalog;
    private final Iv3Table table;
    private V3Protocol delegate;
    private String tableId;

    /**
     * @param dataderdenUrl e.g. {@code https://dataderden.cbs.nl/ODataApi/odata}
     * @param catalog       the IV3 catalog, read only when the table id is to be discovered
     */
    public Iv3Protocol(SourceHttp http, String dataderdenUrl, V3Catalog catalog, Iv3Table table) {
        this.http = Objects.requireNonNull(http, "http");
        this.dataderdenUrl = Objects.requireNonNull(dataderdenUrl, "dataderdenUrl");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.table = Objects.requireNonNull(table, "table");
    }

    private V3Protocol delegate() throws MalformedPageException {
        if (delegate == null) {
            tableId = table.discovered() ? discover() : table.tableId();
            String filter = table.verslagsoort() == null ? null : "Verslagsoort eq '" + table.verslagsoort() + "'";
            delegate = new V3Protocol(http, dataderdenUrl, tableId, "TypedDataSet", CODE_LISTS, true, filter);
        }
        return delegate;
    }

    private String discover() throws MalformedPageException {
        Map<String, String> byTitle = catalog.tablesByTitle();
        String id = byTitle.get(table.catalogTitle());
        if (id == null) {
            throw new MalformedPageException(catalog.link() + ": no table titled '" + table.catalogTitle()
                    + "' in the IV3 catalog (titles: " + byTitle.keySet() + ")");
        }
        return id;
    }

    @Override
    public String[] version(String previousEtag) throws MalformedPageException {
        return delegate().version(previousEtag);
    }

    @Override
    public TableMetadata metadata() throws MalformedPageException {
        TableMetadata m = delegate().metadata();
        return new TableMetadata(table.dataset(tableId), m.title(), m.modified(), m.etag(),
                table.year() != null ? String.valueOf(table.year()) : m.period(), m.properties(), m.codeLists(),
                m.firstPage(), m.prefetched());
    }

    @Override
    public Page read(Fetched fetched, String pageLink, TableMetadata metadata) throws MalformedPageException {
        return delegate().read(fetched, pageLink, metadata);
    }

    @Override
    public long defaultPageSize() {
        return V3Protocol.PAGE_SIZE;
    }
}
