package nl.sobamo.ingest.pull.protocol.odata4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import nl.sobamo.ingest.pull.http.Fetched;
import nl.sobamo.ingest.pull.http.SourceHttp;
import nl.sobamo.ingest.pull.protocol.MalformedPageException;
import nl.sobamo.ingest.pull.protocol.Page;
import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.ingest.pull.protocol.TableProtocol;
import nl.sobamo.ingest.pull.protocol.odata.JsonPages;
import nl.sobamo.ingest.pull.protocol.odata.ODataVersion;

/**
 * CBS OData v4 ({@code https://odata4.cbs.nl/CBS/{table}}): metadata from {@code Properties} (a single object, not a
 * collection), {@code MeasureCodes}, {@code Dimensions} and each dimension's {@code <Dim>Codes}; data from
 * {@code Observations} (long format: one row per measure and dimension codes), paged by {@code @odata.nextLink}.
 */
public final class V4Protocol implements TableProtocol {

    /** Rows per page CBS v4 serves in practice. */
    public static final long PAGE_SIZE = 10_000;
    /** {@link TableMetadata.Property#kind()} of a measure. */
    public static final String MEASURE = "Measure";

    private final SourceHttp http;
    private final String tableUrl;
    private final String table;

    /** @param baseUrl e.g. {@code https://odata4.cbs.nl/CBS} */
    public V4Protocol(SourceHttp http, String baseUrl, String table) {
        this.http = Objects.requireNonNull(http, "http");
        this.table = Objects.requireNonNull(table, "table");
        this.tableUrl = (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + table;
    }

    private Fetched propertiesResponse;
    private JsonNode properties;

    @Override
    public String[] version(String previousEtag) throws MalformedPageException {
        propertiesResponse = http.get(tableUrl + "/Properties");
        properties = JsonPages.tree(propertiesResponse);
        if (!properties.isObject() || properties.get("Identifier") == null) {
            throw new MalformedPageException(propertiesResponse.uri() + ": Properties is not the table's object");
        }
        return new String[] {JsonPages.text(properties, "Modified"), propertiesResponse.etag()};
    }

    @Override
    public TableMetadata metadata() throws MalformedPageException {
        if (properties == null) {
            version(null);
        }
        List<TableMetadata.Property> columns = new ArrayList<>();
        Map<String, Map<String, String>> codeLists = new LinkedHashMap<>();
        for (JsonNode d : JsonPages.values(http.get(tableUrl + "/Dimensions"))) {
            String id = JsonPages.text(d, "Identifier");
            String kind = JsonPages.text(d, "Kind");
            columns.add(new TableMetadata.Property(id, kind, null, JsonPages.text(d, "Title"), null));
            Map<String, String> codes = new LinkedHashMap<>();
            for (JsonNode c : JsonPages.values(http.get(tableUrl + "/" + id + "Codes"))) {
                codes.put(JsonPages.text(c, "Identifier"), JsonPages.text(c, "Title"));
            }
            codeLists.put(id, codes);
        }
        for (JsonNode m : JsonPages.values(http.get(tableUrl + "/MeasureCodes"))) {
            columns.add(new TableMetadata.Property(JsonPages.text(m, "Identifier"), MEASURE,
                    JsonPages.text(m, "DataType"), JsonPages.text(m, "Title"), JsonPages.text(m, "Unit")));
        }
        return new TableMetadata(table, JsonPages.text(properties, "Title"), JsonPages.text(properties, "Modified"),
                propertiesResponse.etag(), JsonPages.text(properties, "TemporalCoverage"), columns, codeLists,
                tableUrl + "/Observations", null);
    }

    @Override
    public Page read(Fetched fetched, String pageLink, TableMetadata metadata) throws MalformedPageException {
        return JsonPages.read(fetched, pageLink, ODataVersion.V4);
    }

    @Override
    public long defaultPageSize() {
        return PAGE_SIZE;
    }
}
