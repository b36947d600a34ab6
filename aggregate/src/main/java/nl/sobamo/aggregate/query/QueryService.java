package nl.sobamo.aggregate.query;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

import nl.sobamo.aggregate.change.ProfileProcessor;
import nl.sobamo.aggregate.export.ExportTable;
import nl.sobamo.aggregate.position.PositionStores;
import nl.sobamo.aggregate.position.StoreKeys;
import nl.sobamo.aggregate.reference.PeerGroups;
import nl.sobamo.aggregate.stream.AggregateTopology;
import nl.sobamo.schemas.AreaReference;

/**
 * The query API's answers, assembled from this instance's stores and, for partitions another instance owns,
 * from that instance (a GET with {@code local=true}, which the owner answers from its own stores only).
 */
public final class QueryService {

    static final List<String> SPHERES = List.of("PERSONAL", "COMMUNAL", "INSTITUTIONAL", "CONTEXT");
    public static final List<String> TABLES = List.of("indicators", "benchmarks", "changes", "freshness");
    /** Sources that deliver one record per pushed item (catalog identity RECORD): no default period of their own. */
    static final java.util.Set<String> RECORD_SOURCES = nl.sobamo.catalog.IndicatorCatalog.loadDefault().recordSources();

    private final LocalTables local;
    private final Routing routing;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public QueryService(LocalTables local, Routing routing) {
        this.local = local;
        this.routing = routing;
    }

    /** All rows (every period) and changes of one municipality. */
    public Map<String, Object> municipalityRows(String municipality, boolean localOnly) {
        return routed(ProfileProcessor.PROFILE_STORE, municipality, localOnly,
                "/api/v1/municipalities/" + enc(municipality) + "/rows", () -> {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("municipalityCode", municipality);
                    result.put("rows", local.profile(municipality));
                    result.put("changes", local.changes(municipality));
                    return result;
                });
    }

    public List<Map<String, Object>> indicator(String indicatorId, String period, boolean localOnly) {
        return routed(PositionStores.POSITIONS, StoreKeys.indicatorPeriod(indicatorId, period), localOnly,
                "/api/v1/indicators/" + enc(indicatorId) + "/periods/" + enc(period), () -> {
                    List<Map<String, Object>> rows = local.indicator(indicatorId, period);
                    rows.sort(Comparator.comparing(r -> String.valueOf(r.get("municipalityCode"))));
                    return rows;
                });
    }

    /** A municipality's positioned row(s) of one indicator-period, from the positions store. */
    public List<Map<String, Object>> position(String indicatorId, String period, String municipality, boolean localOnly) {
        return routed(PositionStores.POSITIONS, StoreKeys.indicatorPeriod(indicatorId, period), localOnly,
                "/api/v1/indicators/" + enc(indicatorId) + "/periods/" + enc(period) + "/municipalities/" + enc(municipality),
                () -> local.position(indicatorId, period, municipality));
    }

    public List<Map<String, Object>> benchmarks(String indicatorId, String period, boolean localOnly) {
        return routed(PositionStores.BENCHMARKS, StoreKeys.indicatorPeriod(indicatorId, period), localOnly,
                "/api/v1/benchmarks/" + enc(indicatorId) + "/periods/" + enc(period), () -> {
                    List<Map<String, Object>> rows = local.benchmarks(indicatorId, period);
                    rows.sort(Comparator.comparing((Map<String, Object> r) -> PeerGroups.TYPES.indexOf(String.valueOf(r.get("groupType"))))
                            .thenComparing(r -> String.valueOf(r.get("groupValue"))));
                    return rows;
                });
    }

    /**
     * The answer of the instance owning {@code partitionKey}'s partition of {@code store}: asked at {@code path} when
     * that is another instance (unless {@code localOnly}, as in a forwarded request), computed here otherwise.
     */
    @SuppressWarnings("unchecked")
    private <T> T routed(String store, String partitionKey, boolean localOnly, String path, Supplier<T> here) {
        Optional<String> owner = localOnly ? Optional.empty() : routing.remoteOwner(store, partitionKey);
        return owner.isPresent() ? (T) remote(owner.get(), path) : here.get();
    }

    /** A whole table: this instance's partitions plus every other instance's. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> table(String table, boolean localOnly) {
        List<Map<String, Object>> rows = new ArrayList<>(switch (table) {
            case "indicators" -> local.allIndicators();
            case "benchmarks" -> local.allBenchmarks();
            case "changes" -> local.allChanges();
            case "freshness" -> local.freshness();
            default -> throw new NotFoundException("no table '" + table + "'; tables: " + TABLES);
        });
        ExportTable export = ExportTable.byId(table).orElseThrow();
        if (export.hasIndicatorNames()) {
            rows.forEach(this::addIndicatorNames);
        }
        if (export.hasMunicipalityName()) {
            rows.forEach(this::addMunicipalityName);
        }
        if (!localOnly) {
            String store = switch (table) {
                case "indicators" -> PositionStores.POSITIONS;
                case "benchmarks" -> PositionStores.BENCHMARKS;
                case "changes" -> ProfileProcessor.CHANGES_STORE;
                default -> AggregateTopology.FRESHNESS_STORE;
            };
            for (String other : routing.otherInstances(store)) {
                rows.addAll((List<Map<String, Object>>) remote(other, "/api/v1/export/" + table + ".json"));
            }
        }
        return rows;
    }

    /**
     * One municipality's profile: per sphere its comparable indicators ({@link ProfileSelection}), each with its name
     * and definition from the indicator catalog (sobamo.reference.indicators.v1), its position, the benchmark rows
     * (bandwidth p10-p90, n, group size, coverage) of every group it belongs to (national first, then its peer groups)
     * and the change since the year before. Without {@code period}: every indicator at its latest available period,
     * the year on the row; {@code period} in the answer is then the default period (see {@link ProfileSelection}).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> profile(String municipality, String period) {
        Map<String, Object> all = municipalityRows(municipality, false);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) all.get("rows");
        if (rows.isEmpty()) {
            throw new NotFoundException("no indicator rows for municipality " + municipality);
        }
        TreeSet<String> periods = new TreeSet<>();
        rows.forEach(r -> periods.add((String) r.get("period")));
        String defaultPeriod = ProfileSelection.defaultPeriod(rows, RECORD_SOURCES).orElse(periods.last());
        AreaReference area = local.area(municipality);
        Map<String, String> groups = PeerGroups.of(area);

        Map<String, Map<String, Object>> changeByKey = new LinkedHashMap<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) all.get("changes")) {
            changeByKey.put(c.get("indicatorId") + "|" + c.get("sphere") + "|" + c.get("toPeriod"), c);
        }
        Map<String, List<Map<String, Object>>> bySphere = new LinkedHashMap<>();
        SPHERES.forEach(s -> bySphere.put(s, new ArrayList<>()));
        for (Map<String, Object> r : ProfileSelection.rows(rows, period)) {
            String indicatorId = (String) r.get("indicatorId");
            String rowPeriod = (String) r.get("period");
            // the profile store holds the rows as computed; their positions live in the positions step
            Map<String, Object> item = new LinkedHashMap<>(position(indicatorId, rowPeriod, municipality, false)
                    .stream().filter(p -> Objects.equals(p.get("sphere"), r.get("sphere")))
                    .filter(p -> Objects.equals(p.get("value"), r.get("value")))
                    .findFirst().orElse(r));
            Map<String, Object> reference = local.indicatorReference(indicatorId);
            item.put("name", reference == null ? Map.of("nl", indicatorId, "en", indicatorId)
                    : Map.of("nl", reference.get("nameNl"), "en", reference.get("nameEn")));
            item.put("definition", reference == null ? null : reference.get("definition"));
            item.put("normalisation", reference == null ? null : reference.get("normalisation"));
            item.put("catalogVersion", reference == null ? null : reference.get("catalogVersion"));
            item.put("benchmarks", benchmarks(indicatorId, rowPeriod, false).stream()
                    .filter(b -> Objects.equals(groups.get(String.valueOf(b.get("groupType"))), b.get("groupValue")))
                    .toList());
            item.put("change", changeByKey.get(indicatorId + "|" + r.get("sphere") + "|" + rowPeriod));
            bySphere.computeIfAbsent(String.valueOf(r.get("sphere")), s -> new ArrayList<>()).add(item);
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("municipalityCode", municipality);
        profile.put("name", area == null ? null : area.getName());
        profile.put("groups", groups);
        profile.put("period", period != null ? period : defaultPeriod);
        profile.put("latest", period == null);
        profile.put("periods", List.copyOf(periods));
        List<Map<String, Object>> spheres = new ArrayList<>();
        bySphere.forEach((sphere, items) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("sphere", sphere);
            s.put("indicators", items);
            spheres.add(s);
        });
        profile.put("spheres", spheres);
        return profile;
    }

    /** The indicator's Dutch and English names from the catalog topic, as the last columns of an exported row. */
    private void addIndicatorNames(Map<String, Object> row) {
        Map<String, Object> reference = local.indicatorReference(String.valueOf(row.get("indicatorId")));
        row.put(ExportTable.INDICATOR_NAME_NL, reference == null ? null : reference.get("nameNl"));
        row.put(ExportTable.INDICATOR_NAME_EN, reference == null ? null : reference.get("nameEn"));
    }

    /** The municipality's name from the area reference, beside its code in an exported row. */
    private void addMunicipalityName(Map<String, Object> row) {
        AreaReference area = local.area(String.valueOf(row.get("municipalityCode")));
        row.put(ExportTable.MUNICIPALITY_NAME, area == null ? null : area.getName());
    }

    private Object remote(String baseUrl, String path) {
        URI uri = URI.create(baseUrl + path + (path.contains("?") ? "&" : "?") + "local=true");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                throw new NotFoundException("not found on the owning instance " + baseUrl + ": " + response.body());
            }
            if (response.statusCode() != 200) {
                throw new StreamsRouting.UnavailableException("owning instance " + baseUrl + " answered " + response.statusCode());
            }
            return Json.read(response.body());
        } catch (IOException e) {
            throw new StreamsRouting.UnavailableException("owning instance " + baseUrl + " unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsRouting.UnavailableException("interrupted while asking " + baseUrl);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** 404. */
    public static final class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message);
        }
    }
}
