package nl.sobamo.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import nl.sobamo.config.ConnectionSettings;
import nl.sobamo.config.SettingValues;
import nl.sobamo.config.Settings;
import nl.sobamo.topics.Source;
import nl.sobamo.topics.Topics;

/**
 * Typed settings of the ingest app.
 *
 * <p>Lookup order, first hit wins: explicit overrides, JVM system properties, environment variables
 * ({@code sobamo.kafka.bootstrap-servers} is read as {@code SOBAMO_KAFKA_BOOTSTRAP_SERVERS}), the properties file
 * named by {@code sobamo.config.file} / {@code SOBAMO_CONFIG_FILE}, then the default. This is the same order and
 * naming as {@code nl.sobamo.config.Settings} in the schemas module, so one deployment file configures every app.
 *
 * <p>{@link #toProperties()} exposes the same keys as Camel properties, which the routes read as
 * {@code {{placeholders}}}; the topic names are added there from {@link Topics}.
 *
 * @param bootstrapServers      Kafka bootstrap servers ({@value #BOOTSTRAP_SERVERS})
 * @param registryUrl           Confluent-compatible schema registry, given to the serializer as
 *                              {@code schema.registry.url} ({@value #REGISTRY_URL})
 * @param valueSerializer       Kafka value serializer class ({@value #VALUE_SERIALIZER}); only tests swap it
 * @param kwbResource           CBS KWB data file, {@code classpath:} or {@code file:} ({@value #KWB_RESOURCE})
 * @param kwbTableInfosResource CBS TableInfos of that table: dataset id and period ({@value #KWB_TABLE_INFOS_RESOURCE})
 * @param kwbFetchedAt          when the KWB file was retrieved ({@value #KWB_FETCHED_AT}), or null when not set: then
 *                              the bundled file keeps {@link #DEFAULT_KWB_FETCHED_AT} and any other file is stamped
 *                              with the time it is read ({@link nl.sobamo.ingest.bundle.FetchedAt})
 * @param iv3Resource           Iv3 analysedata CSV ({@value #IV3_RESOURCE})
 * @param iv3Dataset            dataset id given to Iv3 records ({@value #IV3_DATASET})
 * @param iv3Period             period of the Iv3 file ({@value #IV3_PERIOD})
 * @param iv3FetchedAt          when the Iv3 file was retrieved ({@value #IV3_FETCHED_AT}), or null when not set (as
 *                              {@code kwbFetchedAt})
 */
public record IngestConfig(
        String bootstrapServers,
        String registryUrl,
        String valueSerializer,
        String kwbResource,
        String kwbTableInfosResource,
        Instant kwbFetchedAt,
        String iv3Resource,
        String iv3Dataset,
        String iv3Period,
        Instant iv3FetchedAt) {

    public static final String CONFIG_FILE = "sobamo.config.file";

    public static final String BOOTSTRAP_SERVERS = ConnectionSettings.BOOTSTRAP_SERVERS;
    public static final String REGISTRY_URL = ConnectionSettings.REGISTRY_URL;
    public static final String VALUE_SERIALIZER = ConnectionSettings.VALUE_SERIALIZER;
    public static final String KWB_RESOURCE = "sobamo.ingest.cbs-kwb.resource";
    public static final String KWB_TABLE_INFOS_RESOURCE = "sobamo.ingest.cbs-kwb.table-infos-resource";
    public static final String KWB_FETCHED_AT = "sobamo.ingest.cbs-kwb.fetched-at";
    public static final String IV3_RESOURCE = "sobamo.ingest.iv3.resource";
    public static final String IV3_DATASET = "sobamo.ingest.iv3.dataset";
    public static final String IV3_PERIOD = "sobamo.ingest.iv3.period";
    public static final String IV3_FETCHED_AT = "sobamo.ingest.iv3.fetched-at";

    /** Camel-only properties: topic names are fixed by {@link Topics}, not configurable per app. */
    public static final String TOPIC_RAW_IV3 = "sobamo.topic.raw-iv3";
    public static final String TOPIC_DLQ_INGEST = "sobamo.topic.dlq-ingest";

    public static final String DEFAULT_KWB_RESOURCE = "classpath:data/cbs-kwb-2024/stripped_filtered_data_2024.json";
    public static final String DEFAULT_KWB_TABLE_INFOS_RESOURCE = "classpath:data/cbs-kwb-2024/TableInfos.json";
    public static final String DEFAULT_IV3_RESOURCE = "classpath:data/iv3-2023/Analysedata_Iv3_2023_jaarrekening.csv";
    public static final String DEFAULT_IV3_DATASET = "iv3-jaarrekening-2023";
    public static final String DEFAULT_IV3_PERIOD = "2023";

    /**
     * Retrieval date of the bundled KWB copy: the date of the source repo commit it was taken from
     * (niquedegraaff/Wikipedia-Generator-CBS-Kerncijfers-Wijken-en-Buurten @ 5598198, 2025-04-19). A fixed instant
     * rather than "now" so that re-running over the same bundle produces byte-identical records and therefore
     * identical tables downstream. It applies to the bundled file only: a file the user names in
     * {@link #KWB_RESOURCE} is stamped with the time it is read, or with {@link #KWB_FETCHED_AT} when set.
     */
    public static final Instant DEFAULT_KWB_FETCHED_AT = Instant.parse("2025-04-19T00:00:00Z");

    /**
     * Retrieval date of the bundled Iv3 copy: the date of the source repo commit named in PROVENANCE.md
     * (michielsd/begrotingsanalysetool @ 67cc06d, committed 2025-04-28; the bundled file is byte-identical to that
     * commit's blob, whose content last changed on 2025-04-23). Fixed for the same reason as
     * {@link #DEFAULT_KWB_FETCHED_AT}: re-runs over the same bundle must give byte-identical records. Bundled file
     * only, as {@link #DEFAULT_KWB_FETCHED_AT}.
     */
    public static final Instant DEFAULT_IV3_FETCHED_AT = Instant.parse("2025-04-28T00:00:00Z");

    public IngestConfig {
        ConnectionSettings.requireAll(bootstrapServers, registryUrl, valueSerializer);
        SettingValues.requireText(KWB_RESOURCE, kwbResource);
        SettingValues.requireText(KWB_TABLE_INFOS_RESOURCE, kwbTableInfosResource);
        SettingValues.requireText(IV3_RESOURCE, iv3Resource);
        SettingValues.requireText(IV3_DATASET, iv3Dataset);
        SettingValues.requireText(IV3_PERIOD, iv3Period);
    }

    /** All defaults: the bundled data, a local broker and registry. */
    public static IngestConfig defaults() {
        return from(Map.of());
    }

    /** Settings from the process environment (system properties, env vars, config file). */
    public static IngestConfig load() {
        return load(new Properties());
    }

    /** Settings from the process environment, with {@code overrides} taking precedence. */
    public static IngestConfig load(Properties overrides) {
        Properties safe = overrides == null ? new Properties() : overrides;
        return resolve(Settings.load(safe));
    }

    /** Only the given values and the defaults; nothing from the environment (for tests and embedding). */
    public static IngestConfig from(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return resolve(Settings.of(p, new Properties(), Map.of()));
    }

    /** The Camel property holding a source's raw topic, e.g. {@code sobamo.topic.raw-cbs-kwb}. */
    public static String topicProperty(Source source) {
        return "sobamo.topic.raw-" + source.id();
    }

    /** The settings plus topic names, under the keys the routes use as {@code {{placeholders}}}. */
    public Properties toProperties() {
        Properties p = new Properties();
        ConnectionSettings.putAll(p, bootstrapServers, registryUrl, valueSerializer);
        p.setProperty(KWB_RESOURCE, kwbResource);
        p.setProperty(KWB_TABLE_INFOS_RESOURCE, kwbTableInfosResource);
        if (kwbFetchedAt != null) {
            p.setProperty(KWB_FETCHED_AT, kwbFetchedAt.toString());
        }
        p.setProperty(IV3_RESOURCE, iv3Resource);
        p.setProperty(IV3_DATASET, iv3Dataset);
        p.setProperty(IV3_PERIOD, iv3Period);
        if (iv3FetchedAt != null) {
            p.setProperty(IV3_FETCHED_AT, iv3FetchedAt.toString());
        }
        for (Source source : Source.values()) {
            p.setProperty(topicProperty(source), source.rawTopic());
        }
        p.setProperty(TOPIC_DLQ_INGEST, Topics.DLQ_INGEST);
        return p;
    }

    /** Null for a blank value, else {@link SettingValues#instant}. */
    public static Instant optionalInstant(String key, String value) {
        return value == null || value.isBlank() ? null : SettingValues.instant(key, value.trim());
    }

    static IngestConfig resolve(Settings in) {
        return new IngestConfig(
                ConnectionSettings.bootstrapServers(in),
                ConnectionSettings.registryUrl(in),
                ConnectionSettings.valueSerializer(in),
                in.string(KWB_RESOURCE, DEFAULT_KWB_RESOURCE),
                in.string(KWB_TABLE_INFOS_RESOURCE, DEFAULT_KWB_TABLE_INFOS_RESOURCE),
                optionalInstant(KWB_FETCHED_AT, in.string(KWB_FETCHED_AT, "")),
                in.string(IV3_RESOURCE, DEFAULT_IV3_RESOURCE),
                in.string(IV3_DATASET, DEFAULT_IV3_DATASET),
                in.string(IV3_PERIOD, DEFAULT_IV3_PERIOD),
                optionalInstant(IV3_FETCHED_AT, in.string(IV3_FETCHED_AT, "")));
    }
}
