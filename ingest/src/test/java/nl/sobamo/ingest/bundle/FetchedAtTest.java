package nl.sobamo.ingest.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.TestResources;
import org.junit.jupiter.api.Test;

class FetchedAtTest {

    private static final Instant BUNDLED = IngestConfig.DEFAULT_IV3_FETCHED_AT;
    private static final String BUNDLE = IngestConfig.DEFAULT_IV3_RESOURCE;

    @Test
    void theBundledDemoFileKeepsItsDocumentedDate() {
        assertThat(new FetchedAt(BUNDLE, BUNDLED, null).of(BUNDLE, TestResources.CLOCK)).isEqualTo(BUNDLED);
    }

    @Test
    void aUsersFileIsStampedWithTheTimeItIsRead() {
        assertThat(new FetchedAt(BUNDLE, BUNDLED, null).of("file:/data/iv3-2024.csv", TestResources.CLOCK))
                .isEqualTo(TestResources.FAILED_AT);
    }

    @Test
    void aValueTheUserSetsWinsForAnyFile() {
        Instant set = Instant.parse("2026-01-15T00:00:00Z");
        FetchedAt rule = new FetchedAt(BUNDLE, BUNDLED, set);
        assertThat(rule.of("file:/data/iv3-2024.csv", TestResources.CLOCK)).isEqualTo(set);
        assertThat(rule.of(BUNDLE, TestResources.CLOCK)).isEqualTo(set);
    }
}
