package nl.sobamo.ingest.pull.protocol.odata3;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import nl.sobamo.ingest.pull.http.Fetched;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.MalformedPageException;
import nl.sobamo.ingest.pull.protocol.odata.JsonPages;

/**
 * A CBS OData v3 table catalog ({@code https://dataderden.cbs.nl/ODataCatalog/Tables}): the tables of one
 * {@code Catalog} (e.g. {@code IV3}) by title, so a pull can name a table by what it is ("Gemeenten 2023
 * onbewerkte Iv3-data") rather than by an id CBS assigns per year.
 */
public record V3Catalog(SourceHttp http, String tablesUrl, String catalog) {

    /**
     * @param tablesUrl e.g. {@code https://dataderden.cbs.nl/ODataCatalog/Tables}
     * @param catalog   the {@code Catalog} property to filter on, e.g. {@code IV3}
     */
    public V3Catalog {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(tablesUrl, "tablesUrl");
        Objects.requireNonNull(catalog, "catalog");
    }

    /** The link this catalog reads. */
    public String link() {
        return tablesUrl + "?$format=json&$filter=" + V3Protocol.encode("Catalog eq '" + catalog + "'");
    }

    /**
     * Identifier by title (titles trimmed; CBS pads some), in catalog order.
     *
     * @throws MalformedPageException when the response is not an OData collection, or two tables share a title
     */
    public Map<String, String> tablesByTitle() throws MalformedPageException {
        Fetched f = http.get(link());
        Map<String, String> byTitle = new LinkedHashMap<>();
        for (JsonNode t : JsonPages.values(f)) {
            String title = JsonPages.text(t, "Title");
            String id = JsonPages.text(t, "Identifier");
            String cat = JsonPages.text(t, "Catalog");
            if (title == null || id == null || (cat != null && !cat.equals(catalog))) {
                continue; // a row of another catalog (a server ignoring $filter) or without id is no candidate
            }
            String previous = byTitle.put(title, id);
            if (previous != null && !previous.equals(id)) {
                throw new MalformedPageException(f.uri() + ": two tables titled '" + title + "': " + previous
                        + " and " + id);
            }
        }
        return byTitle;
    }
}
