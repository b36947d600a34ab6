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

    /** Pages merged in give the same checkpoint bytes as digests added one at a time (duplicates kept). */
    @Test
    void addingAPageByMergeGivesTheSameBytesAsAddingEachDigest() {
        java.util.Random random = new java.util.Random(14);
        RecordDigests oneByOne = new RecordDigests();
        RecordDigests merged = new RecordDigests();
        for (int page = 0; page < 5; page++) {
            long[] digests = new long[page == 2 ? 0 : 1_000 + page];
            for (int i = 0; i < digests.length; i++) {
                digests[i] = i % 97 == 0 && page > 0 ? -1L : random.nextLong();
            }
            for (long d : digests) {
                oneByOne.add(d);
            }
            merged.addAll(digests);
            assertThat(merged.size()).isEqualTo(oneByOne.size());
            assertThat(merged.toBytes()).isEqualTo(oneByOne.toBytes());
        }
        assertThat(merged.contentHash()).isEqualTo(oneByOne.contentHash());
    }

    /** The digest as first written (TreeMap, a ByteBuffer per length): checkpoints store it, so it must not move. */
    static long reference(RawRecord r) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        java.util.function.Consumer<String> update = s -> {
            if (s == null) {
                md.update((byte) 0);
            } else {
                md.update((byte) 1);
                byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                md.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).flip());
                md.update(b);
            }
        };
        update.accept(r.getRecordId());
        update.accept(r.getDataset());
        update.accept(r.getPeriod());
        update.accept(r.getAreaCode());
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(r.getFields()).entrySet()) {
            update.accept(e.getKey());
            update.accept(e.getValue());
        }
        return java.nio.ByteBuffer.wrap(md.digest()).getLong();
    }

    @Test
    void theDigestIsTheOneEarlierCheckpointsStored() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Zeta", "1.5");
        fields.put("Alpha", null);
        fields.put("Mu_\u00e9\u20ac", "caf\u00e9 \ud83d\ude00");
        fields.put("B", "");
        RawRecord unordered = RawRecord.newBuilder(record("1", Instant.EPOCH, "http://a")).setFields(fields)
                .setAreaCode(null).build();
        for (RawRecord r : java.util.List.of(record("1", Instant.EPOCH, "http://a"), record(null, Instant.EPOCH, "x"),
                unordered, RawRecord.newBuilder(unordered).setFields(Map.of()).build())) {
            assertThat(RecordDigests.digest(r)).as(r.toString()).isEqualTo(reference(r));
        }
        // pinned (computed independently), so a change of the reference above cannot hide a change of the digest
        assertThat(RecordDigests.digest(record("1", Instant.EPOCH, "http://a")))
                .isEqualTo(-7200006340657200495L);
    }
}
