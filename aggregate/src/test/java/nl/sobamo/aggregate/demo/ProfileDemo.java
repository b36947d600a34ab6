package nl.sobamo.aggregate.demo;

import static nl.sobamo.aggregate.fixtures.TestObservations.inhabitants;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3Lasten61;
import static nl.sobamo.aggregate.fixtures.TestObservations.iv3LastenTotal;
import static nl.sobamo.aggregate.fixtures.TestObservations.observation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import nl.sobamo.aggregate.config.AggregateConfig;
import nl.sobamo.aggregate.config.Norm;
import nl.sobamo.aggregate.fixtures.TopologyHarness;
import nl.sobamo.aggregate.query.LocalTables;
import nl.sobamo.aggregate.query.QueryService;
import nl.sobamo.aggregate.query.Routing;
import nl.sobamo.aggregate.query.StoreAccess;
import nl.sobamo.aggregate.query.http.QueryServer;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Sphere;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Serves the query API and profile page over the real aggregate topology in a TopologyTestDriver (no broker),
 * loaded with the bundled Iv3 2023 accounts: real 6.1 lasten, real peer groups (province, size class and
 * urbanity from the Iv3 file). Used by {@code aggregate/bin/check-profile-page} for the headless-browser check.
 *
 * <p>Args: iv3-csv codes-csv port [--with-demo-indicators]. The flag adds clearly synthetic indicators
 * ({@code demo.*}, seeded random) for the PERSONAL and COMMUNAL spheres, which have no bundled source yet, so
 * the page can be checked with every sphere filled in. Prints {@code READY <url>} when serving.
 */
public final class ProfileDemo {

    public static void main(String[] args) throws Exception {
        Path iv3 = Path.of(args[0]);
        Path codes = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        boolean demoIndicators = List.of(args).contains("--with-demo-indicators");

        Map<String, String> codeByName = new HashMap<>();
        for (String line : Files.readAllLines(codes, StandardCharsets.UTF_8).subList(1, Files.readAllLines(codes).size())) {
            String[] f = line.split(";", -1);
            codeByName.put(f[1].trim(), f[0].trim());
            codeByName.put(f[2].trim(), f[0].trim());
        }
        Map<String, double[]> sums = new TreeMap<>(); // name -> {6.1 lasten, total lasten, inhabitants} (kEUR)
        Map<String, String[]> groups = new HashMap<>();
        List<String> lines = Files.readAllLines(iv3, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(";", -1);
            if (f[0].equals("Nederland")) {
                continue;
            }
            double[] s = sums.computeIfAbsent(f[0], n -> new double[3]);
            double lasten = f[4].isEmpty() ? 0 : Double.parseDouble(f[4]);
            s[1] += lasten;
            if (f[1].startsWith("6.1 ")) {
                s[0] += lasten;
            }
            s[2] = Double.parseDouble(f[8]);
            groups.put(f[0], new String[] {f[5], f[6], f[7]});
        }

        TopologyHarness t = new TopologyHarness(AggregateConfig.defaults()
                .withNorms(Norm.parseAll("iv3.lasten.6.1.per_inhabitant>=100@voorbeeldnorm (demo)")));
        Random random = new Random(42);
        int count = 0;
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            String code = codeByName.get(e.getKey());
            if (code == null) {
                System.err.println("no code for " + e.getKey());
                continue;
            }
            String[] g = groups.get(e.getKey());
            t.areas.pipeInput(code, AreaReference.newBuilder().setCode(code).setName(e.getKey()).setLevel("GM")
                    .setProvince(g[0]).setSizeClass(g[1]).setUrbanity(g[2]).setInhabitants((long) e.getValue()[2]).build());
            t.observe(inhabitants(code, "2023", e.getValue()[2], "iv3"));
            if (e.getValue()[1] != 0) {
                t.observe(iv3Lasten61(code, "2023", e.getValue()[0] * 1000));
                t.observe(iv3LastenTotal(code, "2023", e.getValue()[1] * 1000));
            }
            if (demoIndicators) {
                double lonely = 8 + random.nextGaussian() * 2;
                double volunteers = 45 + random.nextGaussian() * 12;
                for (String period : List.of("2022", "2023")) {
                    double drift = period.equals("2022") ? 0.95 : 1.0;
                    t.observe(observation("demo.eenzaam.pct", code, period, lonely * drift, "PERCENT", Sphere.PERSONAL,
                            Ingredient.EFFECT, "demo", null));
                    t.observe(observation("demo.vrijwilligers.per_1000", code, period, volunteers * drift,
                            "PER_1000_INHABITANTS", Sphere.COMMUNAL, Ingredient.OUTPUT, "demo", null));
                }
            }
            count++;
        }
        t.tick();
        StoreAccess stores = new StoreAccess() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
                return t.driver.getKeyValueStore(name);
            }
        };
        QueryServer server = new QueryServer("127.0.0.1", port)
                .start(new QueryService(new LocalTables(stores), Routing.LOCAL_ONLY), () -> "RUNNING");
        System.out.println("loaded " + count + " municipalities; " + t.indicatorTable().size() + " indicator rows, "
                + t.benchmarkTable().size() + " benchmark rows");
        System.out.println("READY " + server.baseUrl());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            t.close();
            stop.countDown();
        }));
        stop.await();
    }

    private ProfileDemo() {
    }
}
