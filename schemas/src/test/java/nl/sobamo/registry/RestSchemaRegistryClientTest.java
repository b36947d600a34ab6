package nl.sobamo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.RawRecord;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private static final Schema RAW = RawRecord.getClassSchema();
    private static final Schema OBSERVATION = Observation.getClassSchema();

    private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        registry.close();
    }

    private RestSchemaRegistryClient client(RegistryConfig config) {
        return new RestSchemaRegistryClient(config, sleeps::add);
    }

    @Test
    void registersFetchesAndLooksUpSchemasWithTheRegistryMediaType() {
        RestSchemaRegistryClient client = client(registry.config());

        int id = client.register("raw-value", RAW);

        assertThat(registry.schema(id)).isEqualTo(RAW);
        FakeSchemaRegistry.RecordedRequest post = registry.requests().get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.rawPath()).isEqualTo("/subjects/raw-value/versions");
        assertThat(post.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(post.accept()).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(post.body()).startsWith("{\"schema\":\"{\\\"type\\\":\\\"record\\\"");

        // A second client has empty caches, so these really go over HTTP.
        RestSchemaRegistryClient other = client(registry.config());
        assertThat(other.getById(id)).isEqualTo(RAW);
        assertThat(other.lookupId("raw-value", RAW)).isEqualTo(id);
        assertThat(other.getLatest("raw-value")).isEqualTo(new RegisteredSchema("raw-value", id, 1, RAW));
        assertThat(registry.requests()).extracting(FakeSchemaRegistry.RecordedRequest::rawPath).containsExactly(
                "/subjects/raw-value/versions", "/schemas/ids/" + id, "/subjects/raw-value",
                "/subjects/raw-value/versions/latest");
    }

    @Test
    void cachesMeanRepeatedSerialisationNeverHitsHttpAgain() {
        RestSchemaRegistryClient client = client(registry.config());

        int id = client.register("raw-value", RAW);
        assertThat(client.register("raw-value", RAW)).isEqualTo(id);
        assertThat(client.lookupId("raw-value", RAW)).isEqualTo(id);
        assertThat(client.getById(id)).isEqualTo(RAW);
        assertThat(registry.requestCount()).isEqualTo(1);

        // The same schema under another subject is a different registration and must be asked for.
        client.register("other-value", RAW);
        assertThat(registry.requestCount()).isEqualTo(2);

        RestSchemaRegistryClient reader = client(registry.config());
        reader.getById(id);
        reader.getById(id);
        assertThat(registry.requestCount()).isEqualTo(3);
    }

    @Test
    void retriesServerErrorsWithGrowingBackoffThenSucceeds() {
        RegistryConfig config = RegistryConfig.of(registry.url())
                .withRetries(5, Duration.ofMillis(100), Duration.ofMillis(300));
        registry.failNext(4, 503);

        int id = client(config).register("raw-value", RAW);

        assertThat(registry.schema(id)).isEqualTo(RAW);
        assertThat(registry.requestCount()).isEqualTo(5);
        // Equal jitter: each wait lies in [ceiling/2, ceiling], the ceiling doubling from 100 ms up to the cap.
        assertThat(sleeps).hasSize(4);
        long[] ceilings = {100, 200, 300, 300};
        for (int i = 0; i < ceilings.length; i++) {
            assertThat(sleeps.get(i).toMillis()).as("wait before retry %d", i + 1)
                    .isBetween(ceilings[i] / 2, ceilings[i]);
        }
    }

    @Test
    void retriesTooManyRequests() {
        registry.failNext(1, 429);

        assertThat(client(registry.config()).register("raw-value", RAW)).isPositive();
        assertThat(registry.requestCount()).isEqualTo(2);
    }

    @Test
    void givesUpAfterMaxRetriesNamingUrlAttemptsAndLastError() {
        registry.failNext(10, 500);
        RegistryConfig config = registry.config().withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1));

        assertThatThrownBy(() -> client(config).getById(7))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("fetch schema id 7")
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining(registry.url() + "/schemas/ids/7")
                .hasMessageContaining("HTTP 500")
                .satisfies(e -> {
                    RegistryUnavailableException unavailable = (RegistryUnavailableException) e;
                    assertThat(unavailable.attempts()).isEqualTo(3);
                    assertThat(unavailable.httpStatus()).isEqualTo(500);
                });
        assertThat(registry.requestCount()).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void connectionRefusedIsRetriedThenReportedWithTheCause() {
        String url = FakeSchemaRegistry.closedPortUrl();
        RegistryConfig config = RegistryConfig.of(url).withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1));

        assertThatThrownBy(() -> client(config).register("raw-value", RAW))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining(url + "/subjects/raw-value/versions")
                .hasMessageContaining("subject 'raw-value'")
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("java.net.ConnectException")
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void timeoutsAreRetriedThenReported() {
        registry.stallNext(2);
        RegistryConfig config = registry.config()
                .withRequestTimeout(Duration.ofMillis(150))
                .withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1));

        assertThatThrownBy(() -> client(config).getById(1))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("after 2 attempts")
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(registry.requestCount()).isEqualTo(2);
    }

    @Test
    void incompatibleSchemaIsReportedWithTheRegistryMessageAndNotRetried() {
        registry.respondNext(409, 409, "Schema being registered is incompatible with an earlier schema");

        assertThatThrownBy(() -> client(registry.config()).register("sobamo.observations.v1-value", OBSERVATION))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("subject 'sobamo.observations.v1-value'")
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("Schema being registered is incompatible with an earlier schema")
                .hasMessageContaining(registry.url() + "/subjects/sobamo.observations.v1-value/versions")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409));
        assertThat(registry.requestCount()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void apicurioCreationRaceIsAnsweredByRegisteringAgain() {
        // Apicurio 2.6 answers concurrent first registrations of a new subject with 409 "already exists"
        registry.respondNext(409, 409, "An artifact with ID 'sobamo.observations.v1-value' in group 'null' already exists.");

        int id = client(registry.config()).register("sobamo.observations.v1-value", OBSERVATION);

        assertThat(registry.schema(id)).isEqualTo(OBSERVATION);
        assertThat(registry.requestCount()).isEqualTo(2);
    }

    @Test
    void otherClientErrorsCarryStatusAndErrorCodeAndAreNotRetried() {
        registry.respondNext(422, 42201, "Invalid schema");

        assertThatThrownBy(() -> client(registry.config()).register("raw-value", RAW))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("Invalid schema")
                .satisfies(e -> {
                    assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(422);
                    assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(42201);
                });
        assertThat(registry.requestCount()).isEqualTo(1);
    }

    @Test
    void nonJsonErrorBodyStillGivesAReadableMessage() {
        registry.respondNextRaw(400, "<html><body><h1>400 Bad Request</h1>\n</body></html>");

        assertThatThrownBy(() -> client(registry.config()).getById(3))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("fetch schema id 3")
                .hasMessageContaining("<h1>400 Bad Request</h1>")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode())
                        .isEqualTo(SchemaRegistryException.UNKNOWN));
    }

    @Test
    void unknownIdAndUnknownSubjectAreNotFound() {
        RestSchemaRegistryClient client = client(registry.config());

        assertThatThrownBy(() -> client.getById(4711))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("schema id 4711")
                .hasMessageContaining(registry.url());
        assertThatThrownBy(() -> client.lookupId("nope-value", RAW))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("subject 'nope-value'")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> client.getLatest("nope-value"))
                .isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void sendsBasicAuthentication() {
        String header = "Basic " + Base64.getEncoder()
                .encodeToString("sobamo:s3cr3t:with-colon".getBytes(StandardCharsets.UTF_8));
        registry.requireAuthorization(header);

        int id = client(registry.config().withBasicAuth("sobamo:s3cr3t:with-colon")).register("raw-value", RAW);

        assertThat(id).isPositive();
        assertThat(registry.requests()).extracting(FakeSchemaRegistry.RecordedRequest::authorization)
                .containsExactly(header);
    }

    @Test
    void sendsBearerToken() {
        registry.requireAuthorization("Bearer token-123");

        assertThat(client(registry.config().withBearerToken("token-123")).register("raw-value", RAW)).isPositive();
        assertThat(registry.requests().get(0).authorization()).isEqualTo("Bearer token-123");
    }

    @Test
    void rejectedCredentialsAreAnAuthErrorWithoutRetries() {
        registry.requireAuthorization("Bearer right");

        assertThatThrownBy(() -> client(registry.config().withBearerToken("wrong")).register("raw-value", RAW))
                .isInstanceOf(RegistryAuthException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining(registry.url())
                .hasMessageNotContaining("wrong");
        assertThatThrownBy(() -> client(registry.config()).getById(1))
                .isInstanceOf(RegistryAuthException.class);
        assertThat(registry.requestCount()).isEqualTo(2);
        assertThat(registry.requests().get(1).authorization()).isNull();
    }

    @Test
    void subjectsArePercentEncodedAsPathSegments() {
        RestSchemaRegistryClient client = client(registry.config());

        client.register("odd subject/with+chars", RAW);

        assertThat(registry.requests().get(0).rawPath())
                .isEqualTo("/subjects/odd%20subject%2Fwith%2Bchars/versions");
        assertThat(registry.subjects()).containsExactly("odd subject/with+chars");
    }

    @Test
    void compatibilityTestIsTrueForANewSubjectAndFollowsTheRegistryOtherwise() {
        RestSchemaRegistryClient client = client(registry.config());

        assertThat(client.testCompatibility("raw-value", RAW)).isTrue();
        client.register("raw-value", RAW);
        registry.setCompatible(false);
        assertThat(client.testCompatibility("raw-value", RAW)).isFalse();
        registry.setCompatible(true);
        assertThat(client.testCompatibility("raw-value", RAW)).isTrue();
        assertThat(registry.requests()).extracting(FakeSchemaRegistry.RecordedRequest::rawPath)
                .contains("/compatibility/subjects/raw-value/versions/latest");
    }

    @Test
    void setsAndReadsCompatibilityGloballyAndPerSubject() {
        RestSchemaRegistryClient client = client(registry.config());

        client.setCompatibility(null, CompatibilityLevel.FULL);
        client.setCompatibility("raw-value", CompatibilityLevel.NONE);

        assertThat(registry.requests()).extracting(r -> r.method() + " " + r.rawPath() + " " + r.body())
                .containsExactly("PUT /config {\"compatibility\":\"FULL\"}",
                        "PUT /config/raw-value {\"compatibility\":\"NONE\"}");
        assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.FULL);
        assertThat(client.getCompatibility("raw-value")).isEqualTo(CompatibilityLevel.NONE);
        // No subject-level rule: the registry answers 404 and the default applies.
        assertThat(client.getCompatibility("other-value")).isEqualTo(CompatibilityLevel.FULL);

        registry.setConfigResponseKey("compatibility");
        assertThat(client.getCompatibility("raw-value")).isEqualTo(CompatibilityLevel.NONE);
    }

    @Test
    void refusesMockUrls() {
        assertThatThrownBy(() -> new RestSchemaRegistryClient(RegistryConfig.of("mock://x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SchemaRegistryClients");
    }

    @Test
    void schemasDifferingOnlyInDefaultsAreCachedSeparately() {
        RestSchemaRegistryClient client = client(registry.config());
        Schema withDefault = SchemaBuilder.record("R").namespace("nl.sobamo.test").fields()
                .name("a").type().intType().intDefault(1).endRecord();
        Schema otherDefault = SchemaBuilder.record("R").namespace("nl.sobamo.test").fields()
                .name("a").type().intType().intDefault(2).endRecord();

        int first = client.register("r-value", withDefault);
        int second = client.register("r-value", otherDefault);

        assertThat(first).isNotEqualTo(second);
        assertThat(registry.requestCount()).isEqualTo(2);
    }
}
