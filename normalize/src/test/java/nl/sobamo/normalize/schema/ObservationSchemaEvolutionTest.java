package nl.sobamo.normalize.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.sobamo.registry.CompatibilityLevel;
import nl.sobamo.registry.IncompatibleSchemaException;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.registry.SchemaRegistryClient;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.schemas.IndicatorKind;
import nl.sobamo.schemas.Ingredient;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.SourceRef;
import nl.sobamo.schemas.Sphere;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * The evolved Observation (schema version 2: denominator, direction, estimated, originalAreaCode, harmonisedFrom)
 * stays BACKWARD compatible with version 1 as released in the foundation (copied to
 * {@code src/test/resources/avro-history/v1}), by Avro's own resolution rules and by the registry's check.
 */
class ObservationSchemaEvolutionTest {

    private static Schema v1() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        for (String named : List.of("Sphere", "Ingredient", "IndicatorKind", "SourceRef", "Observation")) {
            try (InputStream in = ObservationSchemaEvolutionTest.class.getClassLoader()
                    .getResourceAsStream("avro-history/v1/" + named + ".avsc")) {
                parser.parse(in);
            }
        }
        return parser.getTypes().get("nl.sobamo.schemas.Observation");
    }

    @Test
    void newReaderReadsOldDataAndOldReaderReadsNewData() throws IOException {
        Schema old = v1();
        Schema current = Observation.getClassSchema();
        assertThat(current.getFields().size() - old.getFields().size()).isEqualTo(5);

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE); // BACKWARD
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, current).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE); // FORWARD too: only optional additions
    }

    @Test
    void areaReferenceWithLabelsStaysCompatibleWithVersionOne() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        for (String named : List.of("SourceRef", "AreaReference")) {
            try (InputStream in = ObservationSchemaEvolutionTest.class.getClassLoader()
                    .getResourceAsStream("avro-history/v1/" + named + ".avsc")) {
                parser.parse(in);
            }
        }
        Schema old = parser.getTypes().get("nl.sobamo.schemas.AreaReference");
        Schema current = nl.sobamo.schemas.AreaReference.getClassSchema();
        assertThat(current.getFields().size() - old.getFields().size()).isEqualTo(3);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, current).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void aRecordWrittenWithVersionOneDecodesWithTheDefaults() throws IOException {
        Schema old = v1();
        GenericRecord source = new GenericData.Record(old.getField("source").schema());
        source.put("source", "iv3");
        source.put("dataset", "iv3-jaarrekening-2023");
        source.put("period", "2023");
        source.put("sourceRecordId", "iv3/iv3-jaarrekening-2023/2023/Kampen");
        source.put("fetchedAt", Instant.parse("2025-04-19T00:00:00Z").toEpochMilli());
        GenericRecord record = new GenericData.Record(old);
        record.put("observationId", "0123456789abcdef0123456789abcdef");
        record.put("indicatorId", "iv3.lasten.6.1");
        record.put("municipalityCode", "GM0166");
        record.put("areaCode", "GM0166");
        record.put("sphere", new GenericData.EnumSymbol(old.getField("sphere").schema(), "INSTITUTIONAL"));
        record.put("ingredient", new GenericData.EnumSymbol(old.getField("ingredient").schema(), "INPUT"));
        record.put("kind", new GenericData.EnumSymbol(old.getField("kind").schema(), "OBJECTIVE"));
        record.put("period", "2023");
        record.put("value", 15_933_000.0);
        record.put("unit", "EUR");
        record.put("source", source);
        record.put("harmonised", false);
        record.put("catalogVersion", "2026.11-1");
        record.put("ingestedAt", Instant.parse("2026-11-25T10:00:00Z").toEpochMilli());
        record.put("schemaVersion", 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(old).write(record, encoder);
        encoder.flush();

        Observation read = new SpecificDatumReader<Observation>(old, Observation.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertThat(read.getValue()).isEqualTo(15_933_000.0);
        assertThat(read.getSphere()).isEqualTo(Sphere.INSTITUTIONAL);
        assertThat(read.getDenominator()).isNull();
        assertThat(read.getDirection()).isNull();
        assertThat(read.getEstimated()).isNull();
        assertThat(read.getOriginalAreaCode()).isNull();
        assertThat(read.getHarmonisedFrom()).isEmpty();
        assertThat(read.getSchemaVersion()).isEqualTo(1);
    }

    @Test
    void theRegistryAcceptsVersionTwoUnderBackwardCompatibility() throws IOException {
        String scope = "evolution-" + UUID.randomUUID();
        try {
            SchemaRegistryClient registry = SchemaRegistryClients.forConfig(RegistryConfig.of("mock://" + scope));
            String subject = "sobamo.observations.v1-value";
            registry.setCompatibility(subject, CompatibilityLevel.BACKWARD);
            int v1 = registry.register(subject, v1());
            assertThat(registry.testCompatibility(subject, Observation.getClassSchema())).isTrue();
            int v2 = registry.register(subject, Observation.getClassSchema());
            assertThat(v2).isNotEqualTo(v1);

            // the check has teeth: a new field without a default cannot read old data
            Schema required = new Schema.Parser().parse(Observation.getClassSchema().toString()
                    .replaceFirst("\\{\"name\":\"indicatorId\"", "{\"name\":\"mandatory\",\"type\":\"string\"},{\"name\":\"indicatorId\""));
            assertThat(required.getField("mandatory")).isNotNull();
            assertThat(registry.testCompatibility(subject, required)).isFalse();
            assertThatThrownBy(() -> registry.register(subject, required)).isInstanceOf(IncompatibleSchemaException.class);
        } finally {
            SchemaRegistryClients.dropScope(scope);
        }
    }

    @SuppressWarnings("unused")
    private static Observation unusedTypesKeepImports() {
        return Observation.newBuilder().setObservationId("x").setIndicatorId("x").setMunicipalityCode("x").setAreaCode("x")
                .setSphere(Sphere.CONTEXT).setIngredient(Ingredient.CONTEXT).setKind(IndicatorKind.OBJECTIVE).setPeriod("x")
                .setValue(0).setUnit("x").setSource(SourceRef.newBuilder().setSource("x").setDataset("x").setPeriod("x")
                        .setSourceRecordId("x").setFetchedAt(Instant.EPOCH).build())
                .setCatalogVersion("x").setIngestedAt(Instant.EPOCH).build();
    }
}
