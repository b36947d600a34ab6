package nl.sobamo.normalize.reference;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.ArrayList;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes area references to the compacted {@link Topics#REFERENCE_AREAS} topic, keyed by code. Idempotent in effect:
 * re-publishing the same references leaves the compacted table unchanged.
 */
public final class AreaReferencePublisher {

    private AreaReferencePublisher() {
    }

    /** Sends every reference and waits until all are acknowledged; returns how many were written. */
    public static int publish(Producer<String, AreaReference> producer, List<AreaReference> references)
            throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(references.size());
        for (AreaReference r : references) {
            sent.add(producer.send(new ProducerRecord<>(Topics.REFERENCE_AREAS, r.getCode(), r)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
        return sent.size();
    }
}
