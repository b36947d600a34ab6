package nl.sobamo.push.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import nl.sobamo.push.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptStoreTest {

    @TempDir
    Path dir;

    static final Receipt RECEIPT = new Receipt("r-1", "GM0166", "visitors", "create", "k-1",
            "2025-11-25T10:00:00Z", "sobamo.raw.push.v1", 1, List.of("push/visitors/GM0166/a/2025-01-01/2025-01-31"));

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void aCompletedKeyReplaysItsReceiptAlsoAfterARestart() {
        Path file = dir.resolve("receipts.jsonl");
        try (ReceiptStore store = new ReceiptStore(file, Duration.ofDays(7), at("2025-11-25T10:00:00Z"))) {
            assertThat(store.claim("GM0166", "k-1", "h1")).isInstanceOf(ReceiptStore.Granted.class);
            assertThat(store.claim("GM0166", "k-1", "h1")).isInstanceOf(ReceiptStore.InFlight.class);
            store.complete("GM0166", "k-1", "h1", RECEIPT);
            assertThat(store.claim("GM0166", "k-1", "h1")).isEqualTo(new ReceiptStore.Replay(RECEIPT));
        }
        try (ReceiptStore reopened = new ReceiptStore(file, Duration.ofDays(7), at("2025-11-26T10:00:00Z"))) {
            assertThat(reopened.claim("GM0166", "k-1", "h1")).isEqualTo(new ReceiptStore.Replay(RECEIPT));
            assertThat(reopened.claim("GM0166", "k-1", "h2")).isEqualTo(new ReceiptStore.Mismatch(RECEIPT));
            // keys are per municipality
            assertThat(reopened.claim("GM0193", "k-1", "h1")).isInstanceOf(ReceiptStore.Granted.class);
        }
    }

    @Test
    void aReleasedKeyMayBeUsedAgain() {
        try (ReceiptStore store = new ReceiptStore(dir.resolve("r.jsonl"), Duration.ofDays(7), at("2025-11-25T10:00:00Z"))) {
            assertThat(store.claim("GM0166", "k-2", "h")).isInstanceOf(ReceiptStore.Granted.class);
            store.release("GM0166", "k-2");
            assertThat(store.claim("GM0166", "k-2", "h")).isInstanceOf(ReceiptStore.Granted.class);
        }
    }

    @Test
    void expiredAndTornLinesAreDroppedOnLoad() throws Exception {
        Path file = dir.resolve("receipts.jsonl");
        try (ReceiptStore store = new ReceiptStore(file, Duration.ofDays(7), at("2025-11-01T00:00:00Z"))) {
            store.claim("GM0166", "old", "h");
            store.complete("GM0166", "old", "h", RECEIPT);
        }
        try (ReceiptStore store = new ReceiptStore(file, Duration.ofDays(7), at("2025-11-20T00:00:00Z"))) {
            store.claim("GM0166", "new", "h");
            store.complete("GM0166", "new", "h", RECEIPT);
        }
        Files.writeString(file, Files.readString(file) + "{\"municipality\":\"GM01", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);

        try (ReceiptStore store = new ReceiptStore(file, Duration.ofDays(7), at("2025-11-25T00:00:00Z"))) {
            assertThat(store.size()).isEqualTo(1);
            assertThat(store.claim("GM0166", "old", "h")).isInstanceOf(ReceiptStore.Granted.class);
            assertThat(store.claim("GM0166", "new", "h")).isInstanceOf(ReceiptStore.Replay.class);
        }
        assertThat(Files.readAllLines(file)).hasSize(1).allMatch(l -> l.contains("\"idempotencyKey\":\"new\""));
    }
}
