package nl.sobamo.ingest.pull.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import nl.sobamo.schemas.RawRecord;
import org.junit.jupiter.api.Test;

class RecordDigestsTest {

    static RawRecord record(String value, Instant fetchedAt, String uri) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AantalInwoners_5", value);
        fields.put("Mannen_6", null);
        return RawRecord.newBuilder().setRecordId("cbs-kwb/T/2024/GM0363").setSource("cbs-kwb").setDataset("T")
                .setPeriod("2024").setAreaCode("GM0363").setFields(fields).setFetchedAt(fetchedAt).setUri(uri).build();
    }

    @Test
    void theDigestCoversWhatTheSourceSaysNotWhenOrWhereItWasFetched() {
        long a = RecordDigests.digest(record("1", Instant.EPOCH, "http://a"));
        assertThat(RecordDigests.digest(record("1", Instant.now(), "http://b"))).isEqualTo(a);
        assertThat(RecordDigests.digest(record("2", Instant.EPOCH, "http://a"))).isNotEqualTo(a);
        assertThat(RecordDigests.digest(record(null, Instant.EPOCH, "http://a"))).isNotEqualTo(a);
    }

    @Test
    void roundTripsThroughBytesAndStartsEmpty() {
        RecordDigests d = RecordDigests.fromBytes(java.nio.ByteBuffer.allocate(0));
        for (long v : new long[] {5, -3, 99, 7}) {
            d.add(v);
        }
        RecordDigests back = RecordDigests.fromBytes(d.toBytes());
        assertThat(back.size()).isEqualTo(4);
        assertThat(back.contains(-3)).isTrue();
        assertThat(back.contains(6)).isFalse();
        assertThat(back.contentHash()).isEqualTo(d.contentHash());
    }
}
