package nl.sobamo.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared test fixtures. */
public final class TestResources {

    public static final String KWB = "data/cbs-kwb-2024/stripped_filtered_data_2024.json";
    public static final String KWB_TABLE_INFOS = "data/cbs-kwb-2024/TableInfos.json";
    public static final String IV3 = "data/iv3-2023/Analysedata_Iv3_2023_jaarrekening.csv";
    public static final String IV3_MALFORMED = "iv3/malformed.csv";
    public static final String KWB_MALFORMED = "kwb/malformed.json";
    public static final String KWB_TEST_TABLE_INFOS = "kwb/TableInfos.json";

    /** Dead letters' failedAt in tests: a fixed instant, so it can be asserted. */
    public static final Instant FAILED_AT = Instant.parse("2026-01-02T03:04:05Z");
    public static final Clock CLOCK = Clock.fixed(FAILED_AT, ZoneOffset.UTC);

    private TestResources() {
    }

    /** A classpath resource's bytes. */
    public static byte[] bytes(String path) {
        try (InputStream in = TestResources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
