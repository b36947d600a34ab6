package nl.sobamo.ops;

import java.time.Duration;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.registry.SchemaRegistryClient;
import nl.sobamo.registry.SchemaRegistryClients;

/** The schema registry answers: our client's {@code getCompatibility(null)} (the global level). */
public final class RegistryHealthCheck implements HealthCheck {

    private final SchemaRegistryClient client;

    public RegistryHealthCheck(SchemaRegistryClient client) {
        this.client = client;
    }

    /** A client for {@code url} without retries and with a short timeout: a probe must answer quickly. */
    public static RegistryHealthCheck forUrl(String url, Duration timeout) {
        RegistryConfig config = new RegistryConfig(url, null, null, timeout, 0, Duration.ZERO, Duration.ZERO);
        return new RegistryHealthCheck(SchemaRegistryClients.forConfig(config));
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public Result check() {
        return Result.up("compatibility " + client.getCompatibility(null));
    }
}
