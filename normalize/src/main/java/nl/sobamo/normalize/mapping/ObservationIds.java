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

    private ObservationIds() {
    }

    public static String of(String indicatorId, String areaCode, String period, String source, String dataset) {
        return hash(String.join("|", indicatorId, areaCode, period, source, dataset));
    }

    public static String of(String indicatorId, String areaCode, String period, String source, String dataset,
                            String sourceRecordId) {
        return hash(String.join("|", indicatorId, areaCode, period, source, dataset, "record", sourceRecordId));
    }

    private static String hash(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
