package nl.sobamo.aggregate.app;

import nl.sobamo.config.Settings;

/**
 * Where the query API listens, and how other instances reach it. {@value #PORT}: -1 (default) = no API, 0 = a free
 * port, otherwise that port. {@value #HOST}: the interface to bind ({@code 0.0.0.0} in a pod). {@value #ADVERTISED_HOST}
 * (default: the bind host): the address this instance publishes as its {@code application.server}, so other
 * instances can forward queries for partitions this one owns; in Kubernetes the pod IP from the downward API
 * ({@code SOBAMO_AGGREGATE_HTTP_ADVERTISED_HOST=$(POD_IP)}), never 127.0.0.1 or 0.0.0.0 in a cluster.
 */
public record QueryApiSettings(String host, int port, String advertisedHost) {

    public static final String HOST = "sobamo.aggregate.http.host";
    public static final String PORT = "sobamo.aggregate.http.port";
    public static final String ADVERTISED_HOST = "sobamo.aggregate.http.advertised-host";
    public static final QueryApiSettings DISABLED = new QueryApiSettings("127.0.0.1", -1);

    public QueryApiSettings {
        if (advertisedHost == null || advertisedHost.isBlank()) {
            advertisedHost = host;
        }
    }

    /** Advertises the bind host. */
    public QueryApiSettings(String host, int port) {
        this(host, port, host);
    }

    public static QueryApiSettings from(Settings s) {
        String host = s.string(HOST, "127.0.0.1");
        return new QueryApiSettings(host, s.integer(PORT, -1), s.string(ADVERTISED_HOST, host));
    }

    public QueryApiSettings withPort(int newPort) {
        return new QueryApiSettings(host, newPort, advertisedHost);
    }

    public boolean enabled() {
        return port >= 0;
    }
}
