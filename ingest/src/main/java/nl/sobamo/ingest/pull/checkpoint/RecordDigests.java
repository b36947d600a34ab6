package nl.sobamo.ingest.pull.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

import nl.sobamo.schemas.RawRecord;

/**
 * A set of 64-bit record digests, stored in a checkpoint as sorted big-endian longs (8 bytes a record: 100,000
 * records take 800 kB, under Kafka's default 1 MB message limit).
 *
 * <p>A record's digest covers what the source said (record id, dataset, period, area, fields) and not when or
 * where it was fetched, so an unchanged record fetched again has the same digest. 64 bits make a false "unchanged"
 * vanishingly unlikely (about 10^-10 for a million records).
 */
public final class RecordDigests {

    private long[] values;
    private int size;
    private boolean sorted = true;

    public RecordDigests() {
        this.values = new long[64];
    }

    private RecordDigests(long[] sortedValues) {
        this.values = sortedValues;
        this.size = sortedValues.length;
    }

    public static RecordDigests fromBytes(ByteBuffer bytes) {
        if (bytes == null) {
            return new RecordDigests();
        }
        ByteBuffer b = bytes.duplicate();
        long[] v = new long[b.remaining() / 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getLong();
        }
        Arrays.sort(v);
        return new RecordDigests(v);
    }

    public ByteBuffer toBytes() {
        sort();
        ByteBuffer b = ByteBuffer.allocate(size * 8);
        for (int i = 0; i < size; i++) {
            b.putLong(values[i]);
        }
        return b.flip();
    }

    public void add(long digest) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(64, size * 2));
        }
        if (size > 0 && values[size - 1] > digest) {
            sorted = false;
        }
        values[size++] = digest;
    }

    /**
     * Adds a page's digests by merging them, sorted, into the sorted set: a pull checkpoints after every page, and a
     * full re-sort of up to 100,000 digests per checkpoint was paid on the route thread at every page boundary.
     * The set (and so {@link #toBytes()}) is the same as adding them one by one.
     */
    public void addAll(long[] digests) {
        if (digests.length == 0) {
            return;
        }
        sort();
        long[] page = digests.clone();
        Arrays.sort(page);
        long[] merged = new long[Math.max(64, size + page.length)];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < size && j < page.length) {
            merged[k++] = values[i] <= page[j] ? values[i++] : page[j++];
        }
        while (i < size) {
            merged[k++] = values[i++];
        }
        while (j < page.length) {
            merged[k++] = page[j++];
        }
        values = merged;
        size = k;
    }

    public boolean contains(long digest) {
        sort();
        return Arrays.binarySearch(values, 0, size, digest) >= 0;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }

    /** One SHA-256 instance per thread: {@link MessageDigest#digest()} resets it, and getInstance costs a lookup. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(RecordDigests::sha256);

    /**
     * The digest of what a record says. Stored in checkpoints, so its value must never change: fields in key order
     * (as a TreeMap would give them), each string as a presence byte, its UTF-8 length (4 bytes, big-endian) and
     * its bytes. Sorted in an array, without a TreeMap or a ByteBuffer per string: this runs for every record.
     */
    @SuppressWarnings("unchecked")
    public static long digest(RawRecord r) {
        MessageDigest md = SHA256.get();
        md.reset();
        byte[] length = new byte[4];
        update(md, length, r.getRecordId());
        update(md, length, r.getDataset());
        update(md, length, r.getPeriod());
        update(md, length, r.getAreaCode());
        Map.Entry<String, String>[] fields = r.getFields().entrySet().toArray(new Map.Entry[0]);
        Arrays.sort(fields, Map.Entry.comparingByKey());
        for (Map.Entry<String, String> e : fields) {
            update(md, length, e.getKey());
            update(md, length, e.getValue());
        }
        byte[] d = md.digest();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return v;
    }

    /** SHA-256 hex over the sorted digests: one stamp for a whole version. */
    public String contentHash() {
        MessageDigest md = sha256();
        md.update(toBytes());
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, byte[] length, String s) {
        if (s == null) {
            md.update((byte) 0);
        } else {
            md.update((byte) 1);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            length[0] = (byte) (b.length >>> 24);
            length[1] = (byte) (b.length >>> 16);
            length[2] = (byte) (b.length >>> 8);
            length[3] = (byte) b.length;
            md.update(length);
            md.update(b);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}
