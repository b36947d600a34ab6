package nl.sobamo.push;

import java.util.List;
import java.util.Objects;

/**
 * What the push API answers (202) once Kafka acknowledged every record of a request, and answers again for a
 * retry with the same {@code Idempotency-Key}.
 *
 * @param receiptId      random id of this acceptance
 * @param operation      {@code create} (POST, file drop) or {@code correction} (PUT)
 * @param idempotencyKey the request's Idempotency-Key, or null
 * @param acceptedAt     ISO-8601 instant; also every record's {@code fetchedAt}
 * @param recordIds      ids of the accepted records, in request order ({@code push/<dataset>/<GM####>/<logical key>})
 */
public record Receipt(String receiptId, String municipality, String dataset, String operation, String idempotencyKey,
                      String acceptedAt, String topic, int count, List<String> recordIds) {

    public Receipt {
        Objects.requireNonNull(receiptId, "receiptId");
        recordIds = List.copyOf(recordIds);
    }
}
