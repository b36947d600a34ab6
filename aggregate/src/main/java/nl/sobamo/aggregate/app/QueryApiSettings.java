package nl.sobamo.aggregate.app;

import nl.sobamo.config.Settings;

/**
 * Where the query API listens. {@code sobamo.aggregate.http.port}: -1 (default) = no API, 0 = a free port,
 * otherwise that port. The address is also this instance's {@code application.server}, so other instances can
 * forward queries for partitions this one owns: it must be reachable from them (not 127.0.0.1 in a cluster).
 */
public record QueryApiSettings(String host, int port) {

    public static final QueryApiSettings DISABLED = new QueryApiSettings("127.0.0.1", -1);

    public static QueryApiSettings from(Settings s) {
        return new QueryApiSettings(s.string("sobamo.aggregate.http.host", "127.0.0.1"),
                s.integer("sobamo.aggregate.http.port", -1));
    }

    public boolean enabled() {
        return port >= 0;
    }
}
