package nl.sobamo.aggregate.query;

import static nl.sobamo.aggregate.fixtures.TestObservations.area;
import static nl.sobamo.aggregate.fixtures.TestObservations.inhabitants;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3Lasten61;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3LastenTotal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.sobamo.aggregate.change.ProfileProcessor;
import nl.sobamo.aggregate.fixtures.TopologyHarness;
import nl.sobamo.aggregate.query.http.QueryServer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP API over the stores of a TopologyTestDriver; forwarding between two such "instances". */
class QueryServerTest {

    private static final String PER_INHABITANT = "iv3.lasten.6.1.per_inhabitant";
    private final HttpClient http = HttpClient.newHttpClient();
    private final TopologyHarness a = new TopologyHarness();
    private final TopologyHarness b = new TopologyHarness();
    private QueryServer serverA;
    private QueryServer serverB;

    @AfterEach
    void tearDown() {
        if (serverA != null) {
            serverA.close();
        }
        if (serverB != null) {
            serverB.close();
        }
        a.close();
        b.close();
    }

    /** Instance A: GM0001..GM0005 at 100..500 per inhabitant, sizes S S S L L. */
    private void loadA() {
        String[] sizes = {"S", "S", "S", "L", "L"};
        for (int i = 1; i <= 5; i++) {
            String code = "GM000" + i;
            a.areas.pipeInput(code, area(code, sizes[i - 1], "U1", "PV20"));
            a.observe(iv3Lasten61(code, "2023", i * 1_000_000));
            a.observe(inhabitants(code, "2023", 10_000, "iv3"));
            a.observe(iv3LastenTotal(code, "2023", 100_000_000));
        }
        a.observe(iv3Lasten61("GM0003", "2022", 2_000_000));
        a.observe(inhabitants("GM0003", "2022", 10_000, "iv3"));
        a.tick();
    }

    private static StoreAccess stores(TopologyHarness h) {
        return new StoreAccess() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
                return h.driver.getKeyValueStore(name);
            }
        };
    }

    private QueryServer serve(TopologyHarness h, Routing routing) throws Exception {
        return new QueryServer("127.0.0.1", 0).start(new QueryService(new LocalTables(stores(h)), routing), () -> "RUNNING");
    }

    private HttpResponse<String> get(QueryServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void profileHasEverySphereWithPositionsPeerBenchmarksAndChange() throws Exception {
        loadA();
        serverA = serve(a, Routing.LOCAL_ONLY);

        HttpResponse<String> response = get(serverA, "/api/v1/municipalities/GM0003/profile");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> profile = (Map<String, Object>) Json.read(response.body());
        assertThat(profile.get("name")).isEqualTo("Gemeente GM0003");
        assertThat(profile.get("period")).isEqualTo("2023");
        assertThat((List<String>) profile.get("periods")).containsExactly("2022", "2023");
        assertThat((Map<String, String>) profile.get("groups")).containsEntry("size-class", "S").containsEntry("national", "NL");
        List<Map<String, Object>> spheres = (List<Map<String, Object>>) profile.get("spheres");
        assertThat(spheres).extracting(s -> s.get("sphere")).containsExactly("PERSONAL", "COMMUNAL", "INSTITUTIONAL", "CONTEXT");

        Map<String, Object> perInhabitant = ((List<Map<String, Object>>) spheres.get(2).get("indicators")).stream()
                .filter(i -> PER_INHABITANT.equals(i.get("indicatorId"))).findFirst().orElseThrow();
        assertThat(perInhabitant.get("value")).isEqualTo(300.0);
        assertThat(perInhabitant.get("percentileRankNational")).isEqualTo(50.0);
        assertThat((Double) perInhabitant.get("percentileRankPeer")).isCloseTo(250 / 3.0, within(1e-9)); // S: 100 200 [300]
        List<Map<String, Object>> benchmarks = (List<Map<String, Object>>) perInhabitant.get("benchmarks");
        // national, size class S, urbanity U1, province PV20, S|U1 (size-urbanity)
        assertThat(benchmarks).extracting(bm -> bm.get("groupType") + "=" + bm.get("groupValue"))
                .containsExactly("national=NL", "size-class=S", "urbanity=U1", "province=PV20", "size-urbanity=S|U1");
        assertThat(benchmarks.get(1).get("median")).isEqualTo(200.0);
        Map<String, Object> change = (Map<String, Object>) perInhabitant.get("change");
        assertThat(change.get("fromValue")).isEqualTo(200.0);
        assertThat(change.get("absoluteChange")).isEqualTo(100.0);
        assertThat(change.get("comparable")).isEqualTo(false);
    }

    @Test
    void oneIndicatorAcrossMunicipalitiesAndBenchmarksAsCsvAndJson() throws Exception {
        loadA();
        serverA = serve(a, Routing.LOCAL_ONLY);

        HttpResponse<String> csv = get(serverA, "/api/v1/indicators/" + PER_INHABITANT + "/periods/2023?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("indicatorId,municipalityCode,sphere,ingredient,period,value,unit");
        // numbers in plain decimal notation, as the runner's CSV writes them (one writer: export.TableCsv)
        assertThat(lines.get(1)).startsWith(PER_INHABITANT + ",GM0001,INSTITUTIONAL,INPUT,2023,100,EUR_PER_INHABITANT");
        // provenance names each source record as source:dataset:period:record id
        assertThat(lines.get(1)).contains(",iv3:iv3-dataset:2023:iv3/GM0001,");

        HttpResponse<String> json = get(serverA, "/api/v1/benchmarks/" + PER_INHABITANT + "/periods/2023");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) Json.read(json.body());
        // national, size S and L, urbanity U1, province PV20, size-urbanity S|U1 and L|U1
        assertThat(rows).extracting(r -> r.get("groupType") + "=" + r.get("groupValue")).containsExactly(
                "national=NL", "size-class=L", "size-class=S", "urbanity=U1", "province=PV20", "size-urbanity=L|U1",
                "size-urbanity=S|U1");
        assertThat(rows.get(0).get("median")).isEqualTo(300.0);

        HttpResponse<String> export = get(serverA, "/api/v1/export/benchmarks.csv");
        assertThat(export.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"benchmarks.csv\"");
        assertThat(export.body().lines().count()).isEqualTo(a.benchmarkTable().size() + 1);
    }

    @Test
    void errorsAreClearAndThePageIsServed() throws Exception {
        loadA();
        serverA = serve(a, Routing.LOCAL_ONLY);
        assertThat(get(serverA, "/api/v1/municipalities/GM9999/profile").statusCode()).isEqualTo(404);
        assertThat(get(serverA, "/api/v1/municipalities/GM%7C1/profile").statusCode()).isEqualTo(400);
        assertThat(get(serverA, "/api/v1/nothing").statusCode()).isEqualTo(404);
        assertThat(get(serverA, "/api/v1/export/secrets").statusCode()).isEqualTo(404);
        HttpResponse<String> page = get(serverA, "/web/profile.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"profile.js\"></script>");
        assertThat(get(serverA, "/web/profile.js").body()).contains("function chart(");
        assertThat(get(serverA, "/web/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get(serverA, "/health").statusCode()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void queriesForPartitionsOfAnotherInstanceAreForwardedToIt() throws Exception {
        loadA();
        b.areas.pipeInput("GM0009", area("GM0009", "L", "U2", "PV21"));
        b.observe(inhabitants("GM0009", "2023", 12_345, "cbs-kwb"));
        b.tick();
        serverB = serve(b, Routing.LOCAL_ONLY);
        String urlB = serverB.baseUrl();
        // A owns everything except GM0009's profile partition; B hosts a share of every store
        serverA = serve(a, new Routing() {
            @Override
            public Optional<String> remoteOwner(String storeName, String partitionKey) {
                return storeName.equals(ProfileProcessor.PROFILE_STORE) && partitionKey.equals("GM0009")
                        ? Optional.of(urlB) : Optional.empty();
            }

            @Override
            public List<String> otherInstances(String storeName) {
                return List.of(urlB);
            }
        });

        Map<String, Object> rows = (Map<String, Object>) Json.read(get(serverA, "/api/v1/municipalities/GM0009/rows").body());
        assertThat((List<Map<String, Object>>) rows.get("rows")).singleElement()
                .satisfies(r -> assertThat(r.get("value")).isEqualTo(12_345.0));
        // A itself has no row of GM0009: asking A for its local data only gives nothing
        Map<String, Object> localOnly = (Map<String, Object>) Json.read(get(serverA, "/api/v1/municipalities/GM0009/rows?local=true").body());
        assertThat((List<?>) localOnly.get("rows")).isEmpty();

        // a full export gathers every instance's partitions
        List<Map<String, Object>> all = (List<Map<String, Object>>) Json.read(get(serverA, "/api/v1/export/indicators.json").body());
        assertThat(all).hasSize(a.indicatorTable().size() + b.indicatorTable().size());
        assertThat(all).anyMatch(r -> "GM0009".equals(r.get("municipalityCode")));
    }
}
