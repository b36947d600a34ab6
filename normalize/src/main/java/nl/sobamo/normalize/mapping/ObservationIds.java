package nl.sobamo.normalize.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic observation identity: the same indicator, area, period, source and dataset always give the
 * same id, so a replay or re-fetch overwrites downstream instead of counting twice. Indicators whose source
 * delivers several records per area (pushed facilities) add the source record id, which is itself deterministic.
 */
public final class ObservationIds {

    /**
     * One digest per thread: {@code MessageDigest.getInstance} looks the algorithm up in the providers on every
     * call, and normalize hashes ~3 ids per raw record. {@code digest()} resets it, so reuse is safe.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();
    private static final char SEP = '|';

    private ObservationIds() {
    }

    public static String of(String indicatorId, String areaCode, String period, String source, String dataset) {
        return hash(identity(indicatorId, areaCode, period, source, dataset));
    }

    public static String of(String indicatorId, String areaCode, String period, String source, String dataset,
                            String sourceRecordId) {
        return hash(identity(indicatorId, areaCode, period, source, dataset).append(SEP).append("record").append(SEP)
                .append(sourceRecordId));
    }

    /** indicator|area|period|source|dataset, as {@code String.join("|", ...)} writes it (null as "null"). */
    private static StringBuilder identity(String indicatorId, String areaCode, String period, String source, String dataset) {
        return new StringBuilder(96).append(indicatorId).append(SEP).append(areaCode).append(SEP).append(period)
                .append(SEP).append(source).append(SEP).append(dataset);
    }

    private static String hash(CharSequence identity) {
        byte[] digest = SHA_256.get().digest(identity.toString().getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest, 0, 16);
    }
}
