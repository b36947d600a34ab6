package nl.sobamo.push;

import nl.sobamo.config.Settings;
import nl.sobamo.ops.ServiceOps;

/**
 * Runs the push API (and file drop) standalone until the JVM is stopped, configured like every sobamo app
 * ({@link PushApiConfig#load()}: system properties, {@code SOBAMO_*} environment variables, {@code sobamo.config.file}).
 * Its ops endpoint ({@code SOBAMO_OPS_PORT}, default 9400) serves the Prometheus metrics of the API
 * ({@code sobamo.push.*}) and readiness on Kafka and the registry.
 */
public final class PushApiMain {

    private PushApiMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PushApiConfig config = PushApiConfig.load();
        ServiceOps ops = ServiceOps.create("push", Settings.load(), config.bootstrapServers(), config.registryUrl());
        PushApi api = PushApi.start(config, ops.registry());
        System.out.println("sobamo push API " + api.describe());
        ops.serveUntilShutdown(api);
    }
}
