package nl.sobamo.ingest.pull.protocol.odata3;

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
 * CBS OData v3 ({@code https://opendata.cbs.nl/ODataApi/odata/{table}}, also dataderden.cbs.nl): metadata from
 * {@code TableInfos} and {@code DataProperties} (plus the code lists a source asks for), data from
 * {@code TypedDataSet} or {@code UntypedDataSet}, paged by {@code odata.nextLink}. The feed endpoints page at 10,000
 * rows, which keeps every response under the API's 10,000-cell limit for bulk queries.
 */
public final class V3Protocol implements TableProtocol {

    /** Rows per page of the CBS v3 feed. */
    public static final long PAGE_SIZE = 10_000;

    private final SourceHttp http;
    private final String tableUrl;
    private final String table;
    private final String dataSet;
    private final List<String> codeLists;
    private final boolean readDataProperties;
    private final String filter;

    /**
     * @param baseUrl   e.g. {@code https://opendata.cbs.nl/ODataApi/odata}
     * @param dataSet   {@code TypedDataSet} or {@code UntypedDataSet}
     * @param codeLists dimensions whose code list (key to title) the mapper needs, e.g. {@code Gemeenten}; with
     *                  {@code readDataProperties}, only those the table has are read
     * @param readDataProperties whether the mapper needs DataProperties (dimension and topic keys, data types)
     */
    public V3Protocol(SourceHttp http, String baseUrl, String table, String dataSet, List<String> codeLists,
                      boolean readDataProperties) {
        this(http, baseUrl, table, dataSet, codeLists, readDataProperties, null);
    }

    /**
     * As above, with an OData {@code $filter} on the data set, e.g. {@code Verslagsoort eq '2023X005'} (CBS keys keep
     * their padding inside the quotes). The server repeats the filter in its next links.
     */
    public V3Protocol(SourceHttp http, String baseUrl, String table, String dataSet, List<String> codeLists,
                      boolean readDataProperties, String filter) {
        this.filter = filter == null || filter.isBlank() ? null : filter;
        this.readDataProperties = readDataProperties;
        this.http = Objects.requireNonNull(http, "http");
        this.table = Objects.requireNonNull(table, "table");
        this.tableUrl = (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + table;
        this.dataSet = Objects.requireNonNull(dataSet, "dataSet");
        this.codeLists = List.copyOf(codeLists);
    }

    private Fetched infos;
    private JsonNode info;

    @Override
    public String[] version(String previousEtag) throws MalformedPageException {
        infos = http.get(tableUrl + "/TableInfos?$format=json");
        info = JsonPages.values(infos).path(0);
        if (!info.isObject()) {
            throw new MalformedPageException(infos.uri() + ": TableInfos has no entry");
        }
        return new String[] {JsonPages.text(info, "Modified"), infos.etag()};
    }

    @Override
    public TableMetadata metadata() throws MalformedPageException {
        if (info == null) {
            version(null);
        }
        String modified = JsonPages.text(info, "Modified");
        String period = JsonPages.text(info, "Period");
        List<TableMetadata.Property> properties = readDataProperties ? dataProperties() : List.of();
        Map<String, Map<String, String>> lists = new LinkedHashMap<>();
        for (String dimension : codeLists) {
            if (readDataProperties && properties.stream().noneMatch(p -> p.key().equals(dimension))) {
                continue; // asked for in case the table has it (e.g. Taakvelden or TaakveldBalanspost); this one has not
            }
            Fetched f = http.get(tableUrl + "/" + dimension + "?$format=json");
            Map<String, String> codes = new LinkedHashMap<>();
            for (JsonNode code : JsonPages.values(f)) {
                codes.put(JsonPages.text(code, "Key"), JsonPages.text(code, "Title"));
            }
            lists.put(dimension, codes);
        }
        return new TableMetadata(table, JsonPages.text(info, "Title"), modified, infos.etag(), period, properties,
                lists, tableUrl + "/" + dataSet + "?$format=json" + (filter == null ? "" : "&$filter=" + encode(filter)),
                null);
    }

    /** A query value as CBS links carry it: spaces as {@code %20}, quotes kept. */
    static String encode(String value) {
        return value.replace("%", "%25").replace(" ", "%20").replace("&", "%26").replace("#", "%23");
    }

    private List<TableMetadata.Property> dataProperties() throws MalformedPageException {
        List<TableMetadata.Property> properties = new ArrayList<>();
        Fetched f = http.get(tableUrl + "/DataProperties?$format=json");
        for (JsonNode p : JsonPages.values(f)) {
            String key = JsonPages.text(p, "Key");
            String type = JsonPages.text(p, "Type");
            if (key == null || key.isEmpty() || "TopicGroup".equals(type)) {
                continue; // groups only structure the topics
            }
            properties.add(new TableMetadata.Property(key, type, JsonPages.text(p, "Datatype"),
                    JsonPages.text(p, "Title"), JsonPages.text(p, "Unit")));
        }
        return properties;
    }

    @Override
    public Page read(Fetched fetched, String pageLink, TableMetadata metadata) throws MalformedPageException {
        return JsonPages.read(fetched, pageLink, ODataVersion.V3);
    }

    @Override
    public long defaultPageSize() {
        return PAGE_SIZE;
    }
}
