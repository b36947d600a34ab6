package nl.sobamo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import nl.sobamo.schemas.RawRecord;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryClientTest {

    private static final Schema V1 = SchemaBuilder.record("Area").namespace("nl.sobamo.test").fields()
            .requiredString("code")
            .endRecord();
    private static final Schema V2_OPTIONAL_WITH_DEFAULT = SchemaBuilder.record("Area").namespace("nl.sobamo.test")
            .fields()
            .requiredString("code")
            .optionalString("name")
            .endRecord();
    private static final Schema V2_REQUIRED_WITHOUT_DEFAULT = SchemaBuilder.record("Area").namespace("nl.sobamo.test")
            .fields()
            .requiredString("code")
            .requiredInt("inhabitants")
            .endRecord();
    private static final Schema V2_FIELD_REMOVED = SchemaBuilder.record("Area").namespace("nl.sobamo.test").fields()
            .endRecord();

    private final String scope = "mock-test-" + UUID.randomUUID();

    @AfterEach
    void drop() {
        SchemaRegistryClients.dropScope(scope);
    }

    @Test
    void assignsSequentialIdsSharedAcrossSubjectsAndVersionsPerSubject() {
        MockSchemaRegistryClient client = new MockSchemaRegistryClient();

        int first = client.register("areas-value", V1);
        int second = client.register("areas-value", V2_OPTIONAL_WITH_DEFAULT);
        int again = client.register("areas-value", V1);
        int elsewhere = client.register("copy-value", V1);
        int raw = client.register("raw-value", RawRecord.getClassSchema());

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(again).isEqualTo(first);
        assertThat(elsewhere).isEqualTo(first);
        assertThat(raw).isEqualTo(3);
        assertThat(client.getLatest("areas-value")).isEqualTo(new RegisteredSchema("areas-value", 2, 2,
                V2_OPTIONAL_WITH_DEFAULT));
        assertThat(client.getById(3)).isEqualTo(RawRecord.getClassSchema());
        assertThat(client.lookupId("copy-value", V1)).isEqualTo(1);
    }

    @Test
    void backwardAllowsAnOptionalFieldWithDefaultButNotARequiredFieldWithout() {
        MockSchemaRegistryClient client = new MockSchemaRegistryClient();
        client.register("areas-value", V1);

        assertThat(client.getCompatibility("areas-value")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.testCompatibility("areas-value", V2_OPTIONAL_WITH_DEFAULT)).isTrue();
        assertThat(client.testCompatibility("areas-value", V2_REQUIRED_WITHOUT_DEFAULT)).isFalse();
        assertThatThrownBy(() -> client.register("areas-value", V2_REQUIRED_WITHOUT_DEFAULT))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("subject 'areas-value'")
                .hasMessageContaining("BACKWARD")
                .hasMessageContaining("inhabitants")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409));
        // Removing a field is backward compatible: the new reader ignores it.
        assertThat(client.testCompatibility("areas-value", V2_FIELD_REMOVED)).isTrue();
    }

    @Test
    void forwardAndFullCheckTheOtherDirection() {
        MockSchemaRegistryClient client = new MockSchemaRegistryClient();
        client.register("areas-value", V1);

        client.setCompatibility("areas-value", CompatibilityLevel.FORWARD);
        // Old readers need "code", so dropping it breaks them; adding a required field does not.
        assertThat(client.testCompatibility("areas-value", V2_FIELD_REMOVED)).isFalse();
        assertThat(client.testCompatibility("areas-value", V2_REQUIRED_WITHOUT_DEFAULT)).isTrue();

        client.setCompatibility("areas-value", CompatibilityLevel.FULL);
        assertThat(client.testCompatibility("areas-value", V2_FIELD_REMOVED)).isFalse();
        assertThat(client.testCompatibility("areas-value", V2_REQUIRED_WITHOUT_DEFAULT)).isFalse();
        assertThat(client.testCompatibility("areas-value", V2_OPTIONAL_WITH_DEFAULT)).isTrue();

        client.setCompatibility("areas-value", CompatibilityLevel.NONE);
        assertThat(client.register("areas-value", V2_REQUIRED_WITHOUT_DEFAULT)).isPositive();
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersion() {
        Schema v1 = SchemaBuilder.record("T").fields().requiredInt("a").endRecord();
        Schema v2 = SchemaBuilder.record("T").fields().endRecord();
        // Compatible with v2 (nothing to read), but cannot read v1 data: "a" changed type incompatibly.
        Schema v3 = SchemaBuilder.record("T").fields().name("a").type().stringType().stringDefault("").endRecord();
        MockSchemaRegistryClient client = new MockSchemaRegistryClient();
        client.register("t-value", v1);
        client.register("t-value", v2);

        assertThat(client.testCompatibility("t-value", v3)).isTrue();
        client.setCompatibility("t-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(client.testCompatibility("t-value", v3)).isFalse();
    }

    @Test
    void subjectLevelOverridesTheDefaultWhichCanBeChanged() {
        MockSchemaRegistryClient client = new MockSchemaRegistryClient();

        client.setCompatibility(null, CompatibilityLevel.FULL_TRANSITIVE);
        client.setCompatibility("a-value", CompatibilityLevel.NONE);

        assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(client.getCompatibility("a-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.getCompatibility("b-value")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    }

    @Test
    void missingThingsAreNotFoundWithConfluentErrorCodes() {
        SchemaRegistryClient client = SchemaRegistryClients.forConfig(RegistryConfig.of("mock://" + scope));
        client.register("areas-value", V1);

        assertThatThrownBy(() -> client.getById(99))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("id 99")
                .hasMessageContaining("mock://" + scope);
        assertThatThrownBy(() -> client.lookupId("areas-value", V2_OPTIONAL_WITH_DEFAULT))
                .isInstanceOf(SchemaNotFoundException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> client.getLatest("nope"))
                .isInstanceOf(SchemaNotFoundException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40401));
        assertThat(client.testCompatibility("nope", V2_REQUIRED_WITHOUT_DEFAULT)).isTrue();
    }

    @Test
    void mockUrlsShareOneRegistryPerScopeUntilDropped() {
        RegistryConfig config = RegistryConfig.of("mock://" + scope);
        SchemaRegistryClient producerSide = SchemaRegistryClients.forConfig(config);
        SchemaRegistryClient consumerSide = SchemaRegistryClients.forConfig(
                RegistryConfig.fromProperties(java.util.Map.of(RegistryConfig.URL, "mock://" + scope)));
        SchemaRegistryClient otherScope = SchemaRegistryClients.forConfig(RegistryConfig.of("mock://" + scope + "-b"));

        int id = producerSide.register("areas-value", V1);
        producerSide.close();

        assertThat(consumerSide).isSameAs(producerSide);
        assertThat(consumerSide.getById(id)).isEqualTo(V1);
        assertThatThrownBy(() -> otherScope.getById(id)).isInstanceOf(SchemaNotFoundException.class);

        SchemaRegistryClients.dropScope("mock://" + scope);
        SchemaRegistryClients.dropScope(scope + "-b");
        SchemaRegistryClient fresh = SchemaRegistryClients.forConfig(config);
        assertThat(fresh).isNotSameAs(producerSide);
        assertThatThrownBy(() -> fresh.getById(id)).isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void httpUrlsGiveOneSharedRestClientPerConfiguration() {
        RegistryConfig config = RegistryConfig.of("http://registry.invalid:8080/apis/ccompat/v7");

        SchemaRegistryClient client = SchemaRegistryClients.forConfig(config);

        assertThat(client).isInstanceOf(RestSchemaRegistryClient.class);
        assertThat(SchemaRegistryClients.forConfig(RegistryConfig.of("http://registry.invalid:8080/apis/ccompat/v7/")))
                .isSameAs(client);
        assertThat(SchemaRegistryClients.forConfig(config.withBearerToken("t"))).isNotSameAs(client);
    }
}
