package nl.sobamo.ops;

import nl.sobamo.config.Settings;

/**
 * Where a service's operations endpoint listens ({@link OpsServer}). {@value #PORT} ({@code SOBAMO_OPS_PORT}):
 * {@value #DEFAULT_PORT} by default, 0 = a free port, -1 = no endpoint. {@value #HOST} ({@code SOBAMO_OPS_HOST}):
 * the mains bind {@code 0.0.0.0} so the kubelet and Prometheus reach it.
 */
public record OpsSettings(String host, int port) {

    public static final String HOST = "sobamo.ops.host";
    public static final String PORT = "sobamo.ops.port";
    public static final int DEFAULT_PORT = 9400;
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final OpsSettings DISABLED = new OpsSettings("127.0.0.1", -1);

    public OpsSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(HOST + " must not be blank");
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException(PORT + " must be -1 (off), 0 (any free port) or a port, was " + port);
        }
    }

    public static OpsSettings from(Settings s) {
        return new OpsSettings(s.string(HOST, DEFAULT_HOST), s.integer(PORT, DEFAULT_PORT));
    }

    public boolean enabled() {
        return port >= 0;
    }
}
