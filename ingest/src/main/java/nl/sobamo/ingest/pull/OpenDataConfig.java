package nl.sobamo.ingest.pull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import nl.sobamo.config.SettingValues;
import nl.sobamo.config.Settings;
import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.retry.RetryPolicy;
import nl.sobamo.topics.Source;

/**
 * Typed settings of the open-data pulls, looked up like {@link IngestConfig} (overrides, system properties,
 * environment variables such as {@code SOBAMO_INGEST_CBS_KWB_YEARS}, the {@code sobamo.config.file}, defaults).
 * docs/ingest.md lists every key.
 *
 * @param mode             {@link Mode#LIVE} (the sources' own URLs) or {@link Mode#FIXTURES} (recorded responses from
 *                         the server at {@code fixturesUrl}, no internet); the default is fixtures when a fixtures URL
 *                         is set, else live
 * @param fixturesUrl      in fixture mode, the server answering live URLs with recorded responses (the local runner
 *                         starts one from the sobamo-fixtures module; the production jars carry no fixtures)
 * @param cbsV3Url         CBS OData v3 base
 * @param cbsV4Url         CBS OData v4 base
 * @param dataderdenUrl    CBS dataderden OData v3 base (Iv3, RIVM)
 * @param leefbaarometerUrl the Leefbaarometer scores CSV download
 * @param sources          sources {@code pullConfigured()} runs, in order
 * @param kwbTables        KWB tables named directly
 * @param kwbYears         KWB years, turned into tables through {@link #KWB_TABLES_BY_YEAR}
 * @param kwbProtocol      {@code v3} or {@code v4}
 * @param gebiedenTables   CBS Gebieden in Nederland tables
 * @param iv3Tables        Iv3 tables on dataderden named directly: an id ({@code 45063NED}, the fixture's
 *                         {@code IV3JR2023}), an id with a Verslagsoort ({@code 45063NED:2023X005}) or a Verslagsoort
 *                         alone ({@code 2023X005}: the table is found in the IV3 catalog); see
 *                         {@link nl.sobamo.ingest.pull.source.Iv3Table}
 * @param iv3Years         Iv3 years, each found in the IV3 catalog by title and filtered on {@code iv3ReportType}
 * @param iv3ReportType    {@code jaarrekening} (Verslagsoort {@code X005}), {@code begroting} ({@code X000}) or a code
 * @param dataderdenCatalogUrl the dataderden table catalog ({@code ODataCatalog/Tables})
 * @param rivmTables       RIVM Gezondheidsmonitor tables on dataderden
 * @param checkpoints      {@code kafka} (durable, default) or {@code memory} (forgets on exit)
 * @param fetchedAt        stamped on every record as {@code fetchedAt}; null = the time of the pull. Fixture mode
 *                         defaults to {@link #FIXTURES_FETCHED_AT} so re-runs over the fixtures give identical
 *                         records (docs/decisions/0004)
 */
public record OpenDataConfig(
        Mode mode,
        String fixturesUrl,
        String cbsV3Url,
        String cbsV4Url,
        String dataderdenUrl,
        String leefbaarometerUrl,
        List<String> sources,
        List<String> kwbTables,
        List<Integer> kwbYears,
        String kwbProtocol,
        List<String> gebiedenTables,
        List<String> iv3Tables,
        List<Integer> iv3Years,
        String iv3ReportType,
        String dataderdenCatalogUrl,
        List<String> rivmTables,
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retry,
        String checkpoints,
        Instant fetchedAt) {

    public enum Mode { FIXTURES, LIVE }

    public static final String MODE = "sobamo.ingest.opendata.mode";
    public static final String FIXTURES_URL = "sobamo.ingest.opendata.fixtures-url";
    public static final String SOURCES = "sobamo.ingest.opendata.sources";
    public static final String CHECKPOINTS = "sobamo.ingest.opendata.checkpoints";
    public static final String CBS_V3_URL = "sobamo.ingest.cbs.v3-url";
    public static final String CBS_V4_URL = "sobamo.ingest.cbs.v4-url";
    public static final String DATADERDEN_URL = "sobamo.ingest.cbs.dataderden-url";
    public static final String LEEFBAAROMETER_URL = "sobamo.ingest.leefbaarometer.url";
    public static final String KWB_TABLES = "sobamo.ingest.cbs-kwb.tables";
    public static final String KWB_YEARS = "sobamo.ingest.cbs-kwb.years";
    public static final String KWB_PROTOCOL = "sobamo.ingest.cbs-kwb.protocol";
    public static final String GEBIEDEN_TABLES = "sobamo.ingest.cbs-gebieden.tables";
    public static final String IV3_TABLES = "sobamo.ingest.iv3.tables";
    public static final String IV3_YEARS = "sobamo.ingest.iv3.years";
    public static final String IV3_REPORT_TYPE = "sobamo.ingest.iv3.report-type";
    public static final String DATADERDEN_CATALOG_URL = "sobamo.ingest.cbs.dataderden-catalog-url";
    /** Live mode's Iv3 year when neither tables nor years are set: the year of the bundled accounts. */
    public static final int DEFAULT_LIVE_IV3_YEAR = 2023;
    public static final String RIVM_TABLES = "sobamo.ingest.rivm.tables";
    public static final String HTTP_CONNECT_TIMEOUT = "sobamo.ingest.http.connect-timeout";
    public static final String HTTP_REQUEST_TIMEOUT = "sobamo.ingest.http.request-timeout";
    public static final String HTTP_MAX_ATTEMPTS = "sobamo.ingest.http.max-attempts";
    public static final String HTTP_INITIAL_BACKOFF = "sobamo.ingest.http.initial-backoff";
    public static final String HTTP_MAX_BACKOFF = "sobamo.ingest.http.max-backoff";
    public static final String HTTP_BACKOFF_MULTIPLIER = "sobamo.ingest.http.backoff-multiplier";
    public static final String FETCHED_AT = "sobamo.ingest.opendata.fetched-at";

    /**
     * {@code fetchedAt} of records pulled from the bundled fixtures: the date the newest of their source copies was
     * taken (the Iv3 analysedata, michielsd/begrotingsanalysetool @ 67cc06d, 2025-04-28; see the fixtures'
     * PROVENANCE.md).
     */
    public static final Instant FIXTURES_FETCHED_AT = Instant.parse("2025-04-28T00:00:00Z");

    /** All sources, in the order a full pull runs them. */
    public static final List<String> ALL_SOURCES = Stream.of(Source.CBS_KWB, Source.CBS_GEBIEDEN, Source.IV3, Source.RIVM,
            Source.LEEFBAAROMETER).map(Source::id).toList();

    /**
     * CBS Kerncijfers wijken en buurten per reference year (StatLine catalog). Check a new year in the catalog and
     * add it here or name the table directly in {@value #KWB_TABLES}.
     */
    public static final Map<Integer, String> KWB_TABLES_BY_YEAR = Map.of(
            2017, "83765NED", 2018, "84286NED", 2019, "84583NED", 2020, "84799NED", 2021, "85039NED",
            2022, "85318NED", 2023, "85618NED", 2024, "85984NED", 2025, "86165NED");

    /**
     * The Iv3 table of the bundled fixture, fixture mode's default. Its id is a placeholder (the fixture is built
     * from the Iv3 2023 accounts in a constructed CBS v3 layout, docs/ingest.md); live mode finds the real dataderden
     * table of each of {@value #IV3_YEARS} in the IV3 catalog.
     */
    public static final String FIXTURE_IV3_TABLE = "IV3JR2023";

    public OpenDataConfig {
        sources = List.copyOf(sources);
        for (String s : sources) {
            if (!ALL_SOURCES.contains(s)) {
                throw new IllegalArgumentException("Setting '" + SOURCES + "': unknown source '" + s + "', known: "
                        + ALL_SOURCES);
            }
        }
        kwbTables = List.copyOf(kwbTables);
        kwbYears = List.copyOf(kwbYears);
        for (int y : kwbYears) {
            if (!KWB_TABLES_BY_YEAR.containsKey(y)) {
                throw new IllegalArgumentException("Setting '" + KWB_YEARS + "': no KWB table known for " + y
                        + " (known: " + KWB_TABLES_BY_YEAR.keySet().stream().sorted().toList() + "); name it in "
                        + KWB_TABLES);
            }
        }
        if (!kwbProtocol.equals("v3") && !kwbProtocol.equals("v4")) {
            throw new IllegalArgumentException("Setting '" + KWB_PROTOCOL + "' must be v3 or v4, was " + kwbProtocol);
        }
        gebiedenTables = List.copyOf(gebiedenTables);
        iv3Tables = List.copyOf(iv3Tables);
        iv3Years = List.copyOf(iv3Years);
        nl.sobamo.ingest.pull.source.Iv3Table.reportTypeCode(iv3ReportType); // fails early on an unknown type
        for (String t : iv3Tables) {
            nl.sobamo.ingest.pull.source.Iv3Table.parse(t);
        }
        rivmTables = List.copyOf(rivmTables);
        if (!checkpoints.equals("kafka") && !checkpoints.equals("memory")) {
            throw new IllegalArgumentException("Setting '" + CHECKPOINTS + "' must be kafka or memory, was " + checkpoints);
        }
    }

    public static OpenDataConfig defaults() {
        return from(Map.of());
    }

    public static OpenDataConfig load() {
        return load(new Properties());
    }

    public static OpenDataConfig load(Properties overrides) {
        Properties safe = overrides == null ? new Properties() : overrides;
        return resolve(Settings.load(safe));
    }

    public static OpenDataConfig from(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return resolve(Settings.of(p, new Properties(), Map.of()));
    }

    static OpenDataConfig resolve(Settings in) {
        String fixturesUrl = in.string(FIXTURES_URL, "");
        Mode mode = Mode.valueOf(in.string(MODE, fixturesUrl.isBlank() ? "live" : "fixtures").toUpperCase(Locale.ROOT));
        if (mode == Mode.FIXTURES && fixturesUrl.isBlank()) {
            throw new IllegalArgumentException(MODE + "=fixtures needs " + FIXTURES_URL
                    + ": a server answering the sources' URLs with recorded responses (bin/sobamo-local starts one);"
                    + " use " + MODE + "=live to pull from the sources themselves");
        }
        String fetchedAt = in.string(FETCHED_AT, mode == Mode.FIXTURES ? FIXTURES_FETCHED_AT.toString() : "");
        return new OpenDataConfig(
                mode,
                fixturesUrl,
                in.string(CBS_V3_URL, "https://opendata.cbs.nl/ODataApi/odata"),
                in.string(CBS_V4_URL, "https://odata4.cbs.nl/CBS"),
                in.string(DATADERDEN_URL, "https://dataderden.cbs.nl/ODataApi/odata"),
                in.string(LEEFBAAROMETER_URL, "https://www.leefbaarometer.nl/resources/leefbaarometer-scores-wijken-2002-2022.csv"),
                list(in.string(SOURCES, String.join(",", ALL_SOURCES))),
                list(in.string(KWB_TABLES, "85984NED")),
                years(KWB_YEARS, in.string(KWB_YEARS, "")),
                in.string(KWB_PROTOCOL, "v3").toLowerCase(Locale.ROOT),
                list(in.string(GEBIEDEN_TABLES, "85067NED")),
                list(in.string(IV3_TABLES, in.string(IV3_YEARS, "").isBlank() && mode == Mode.FIXTURES
                        ? FIXTURE_IV3_TABLE : "")),
                years(IV3_YEARS, in.string(IV3_YEARS, in.string(IV3_TABLES, "").isBlank() && mode == Mode.LIVE
                        ? String.valueOf(DEFAULT_LIVE_IV3_YEAR) : "")),
                in.string(IV3_REPORT_TYPE, "jaarrekening"),
                in.string(DATADERDEN_CATALOG_URL, "https://dataderden.cbs.nl/ODataCatalog/Tables"),
                list(in.string(RIVM_TABLES, "50090NED")),
                SettingValues.duration(HTTP_CONNECT_TIMEOUT, in.string(HTTP_CONNECT_TIMEOUT, "10s")),
                SettingValues.duration(HTTP_REQUEST_TIMEOUT, in.string(HTTP_REQUEST_TIMEOUT, "60s")),
                new RetryPolicy(
                        Integer.parseInt(in.string(HTTP_MAX_ATTEMPTS, "6")),
                        SettingValues.duration(HTTP_INITIAL_BACKOFF, in.string(HTTP_INITIAL_BACKOFF, "1s")),
                        SettingValues.duration(HTTP_MAX_BACKOFF, in.string(HTTP_MAX_BACKOFF, "60s")),
                        Double.parseDouble(in.string(HTTP_BACKOFF_MULTIPLIER, "2"))),
                in.string(CHECKPOINTS, "kafka").toLowerCase(Locale.ROOT),
                fetchedAt.isBlank() ? null : SettingValues.instant(FETCHED_AT, fetchedAt));
    }

    /** The KWB tables to pull: those named, then those of the years, without repeats. */
    public List<String> kwbTablesToPull() {
        Set<String> tables = new LinkedHashSet<>(kwbTables);
        kwbYears.stream().sorted().forEach(y -> tables.add(KWB_TABLES_BY_YEAR.get(y)));
        return List.copyOf(tables);
    }

    /** The Iv3 tables to pull: those named, then one per year ({@code 2023X005}), without repeats. */
    public List<String> iv3TablesToPull() {
        Set<String> tables = new LinkedHashSet<>(iv3Tables);
        iv3Years.stream().sorted().forEach(y -> tables.add(nl.sobamo.ingest.pull.source.Iv3Table.token(y,
                iv3ReportType)));
        return List.copyOf(tables);
    }

    /** The tables of a source, as {@code pullConfigured()} pulls them. */
    public List<String> tables(String source) {
        return switch (source) {
            case "cbs-kwb" -> kwbTablesToPull();
            case "cbs-gebieden" -> gebiedenTables;
            case "iv3" -> iv3TablesToPull();
            case "rivm" -> rivmTables;
            case "leefbaarometer" -> List.of(LeefbaarometerDataset.NAME);
            default -> throw new IllegalArgumentException("unknown source " + source);
        };
    }

    /** The name of the one Leefbaarometer dataset. */
    public static final class LeefbaarometerDataset {
        public static final String NAME = "leefbaarometer-3.0";

        private LeefbaarometerDataset() {
        }
    }

    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /** {@code 2018-2025,2012} to {@code [2018, ..., 2025, 2012]}. */
    static List<Integer> years(String key, String value) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : list(value)) {
                String[] range = part.split("-", 2);
                int from = Integer.parseInt(range[0].trim());
                int to = range.length == 2 ? Integer.parseInt(range[1].trim()) : from;
                if (to < from) {
                    throw new IllegalArgumentException("Setting '" + key + "': empty range " + part);
                }
                for (int y = from; y <= to; y++) {
                    out.add(y);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting '" + key + "' must be years or ranges like 2018-2025, was '"
                    + value + "'", e);
        }
        return out;
    }

}
