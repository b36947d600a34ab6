package nl.sobamo.normalize.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.catalog.IndicatorReferences;
import nl.sobamo.schemas.IndicatorReference;
import nl.sobamo.serde.AvroSerdes;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ReferencePublisherTest {

    @Test
    void publishesEveryCatalogIndicatorKeyedByIdToTheCompactedReferenceTopic() throws Exception {
        IndicatorCatalog catalog = IndicatorCatalog.loadDefault();
        MockProducer<String, IndicatorReference> producer = new MockProducer<>(true, null, new StringSerializer(),
                AvroSerdes.specific(IndicatorReference.class, Map.of("schema.registry.url", "mock://indicator-references"), false)
                        .serializer());

        int n = ReferencePublisher.INDICATORS.publish(producer, IndicatorReferences.of(catalog));

        assertThat(n).isEqualTo(catalog.indicators().size() + catalog.derived().size());
        assertThat(producer.history()).hasSize(n).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo(Topics.REFERENCE_INDICATORS);
            assertThat(r.key()).isEqualTo(r.value().getIndicatorId());
        });
        assertThat(producer.history()).extracting(r -> r.key()).contains("iv3.lasten.6.1.per_inhabitant", "lbm.score");
    }
}
