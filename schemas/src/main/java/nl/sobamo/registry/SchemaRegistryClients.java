package nl.sobamo.registry;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands out registry clients shared per configuration.
 *
 * <p>Kafka instantiates key and value serializers and deserializers separately by reflection, and each configures
 * itself from the same properties. Sharing one client per configuration lets them share caches (one HTTP call per
 * schema per process) and, for {@code mock://<scope>}, lets a test's producer side and consumer side see the same
 * in-memory registry, as with Confluent's {@code MockSchemaRegistry}.
 */
public final class SchemaRegistryClients {

    private static final ConcurrentMap<String, MockSchemaRegistryClient> MOCK_SCOPES = new ConcurrentHashMap<>();
    private static final ConcurrentMap<RegistryConfig, RestSchemaRegistryClient> REST_CLIENTS =
            new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    /**
     * The shared client for {@code config}: the in-memory registry of its scope for {@code mock://<scope>}, a REST
     * client otherwise. Callers must not rely on {@code close()} to release shared state.
     */
    public static SchemaRegistryClient forConfig(RegistryConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.isMock()) {
            return MOCK_SCOPES.computeIfAbsent(config.mockScope(),
                    scope -> new MockSchemaRegistryClient(config.baseUrl()));
        }
        return REST_CLIENTS.computeIfAbsent(config, RestSchemaRegistryClient::new);
    }

    /**
     * Forgets the in-memory registry of a scope, so the next {@code mock://<scope>} user starts empty. Accepts the
     * bare scope name or the whole {@code mock://} URL.
     */
    public static void dropScope(String scope) {
        Objects.requireNonNull(scope, "scope");
        MOCK_SCOPES.remove(scope.startsWith("mock://") ? scope.substring("mock://".length()) : scope);
    }
}
