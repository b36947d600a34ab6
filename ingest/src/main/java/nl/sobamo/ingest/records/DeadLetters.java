package nl.sobamo.ingest.records;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import nl.sobamo.schemas.DeadLetter;

/** Builds the ingest stage's dead letters in one shape, whichever parser found the problem. */
public final class DeadLetters {

    public static final String STAGE = "ingest";

    private DeadLetters() {
    }

    /**
     * A part of a source document that could not be used.
     *
     * @param origin         where the document came from
     * @param location       position inside it, e.g. {@code line 5} or {@code $["GM0363"]}
     * @param sourceRecordId id of the record the part belonged to, when known
     * @param field          the offending field, when one is
     * @param original       the part as it stood in the document, so it can be replayed after a fix
     */
    public static DeadLetter malformed(Origin origin, String location, String sourceRecordId, String field,
                                       String message, String original, Instant failedAt) {
        return of(Reasons.MALFORMED_ROW, origin, location, sourceRecordId, field, message,
                original.getBytes(StandardCharsets.UTF_8), failedAt);
    }

    /**
     * Any ingest dead letter.
     *
     * @param reasonCode e.g. {@link Reasons#MALFORMED_PAGE}
     * @param original   the bytes as received (a whole page for a malformed page)
     */
    public static DeadLetter of(String reasonCode, Origin origin, String location, String sourceRecordId, String field,
                                String message, byte[] original, Instant failedAt) {
        return DeadLetter.newBuilder()
                .setStage(STAGE)
                .setReasonCode(reasonCode)
                .setMessage(message)
                // a bundled file has no topic/partition/offset: the position is in the location header
                .setSourceTopic(null)
                .setSourcePartition(null)
                .setSourceOffset(null)
                .setSourceRecordId(sourceRecordId)
                .setField(field)
                .setOriginalKey(null)
                .setOriginalValue(ByteBuffer.wrap(original))
                .setHeaders(origin.headers(location))
                .setFailedAt(failedAt)
                .build();
    }

    /**
     * The Kafka key of a dead letter: the id of the record it belonged to, else the document and position, so
     * that the key always points at what failed.
     */
    public static String keyOf(DeadLetter deadLetter) {
        if (deadLetter.getSourceRecordId() != null) {
            return deadLetter.getSourceRecordId();
        }
        Map<String, String> h = deadLetter.getHeaders();
        return h.get(Origin.URI) + "#" + h.get(Origin.LOCATION);
    }

    /**
     * The document a dead letter came from.
     *
     * @param contentHash SHA-256 of the whole document
     */
    public record Origin(String source, String dataset, String uri, String contentHash) {

        /** The header names {@link #keyOf} reads back. */
        static final String URI = "uri";
        static final String LOCATION = "location";

        /** The dead letter's headers (inside the Avro value, not Kafka headers): this document and the position in it. */
        Map<String, String> headers(String location) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("source", source);
            headers.put("dataset", dataset);
            headers.put(URI, uri);
            headers.put(LOCATION, location);
            headers.put("contentHash", contentHash);
            return headers;
        }
    }
}
