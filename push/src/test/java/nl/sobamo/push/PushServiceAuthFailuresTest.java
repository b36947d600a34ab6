package nl.sobamo.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import nl.sobamo.push.api.PushApiException;
import nl.sobamo.push.auth.PushKeyStore;
import nl.sobamo.push.auth.RateLimiter;
import nl.sobamo.push.idempotency.ReceiptStore;
import nl.sobamo.push.validation.Municipalities;
import nl.sobamo.push.validation.PushValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed authentications (401, 403) are limited per client address, on a controlled clock. */
class PushServiceAuthFailuresTest {

    @TempDir
    Path dir;
    final AtomicLong nanos = new AtomicLong();
    ReceiptStore receipts;
    PushService service;
    String kampenKey;

    @BeforeEach
    void setUp() throws Exception {
        Path keys = dir.resolve("keys.txt");
        kampenKey = PushHttp.issueKey(keys, "GM0166");
        PushApiConfig config = PushApiConfig.from(Map.of(PushApiConfig.KEYS_FILE, keys.toString(),
                PushApiConfig.RECEIPTS_FILE, dir.resolve("receipts.jsonl").toString()));
        receipts = new ReceiptStore(config.receiptsFile(), Duration.ofHours(1), Clock.systemUTC());
        service = new PushService(config, new PushKeyStore(keys, Duration.ZERO, Municipalities.bundled()),
                new RateLimiter(120, 20, nanos::get), new RateLimiter(6, 3, nanos::get), receipts,
                new PushValidator(Clock.systemUTC()), Municipalities.bundled(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        receipts.close();
    }

    private PushApiException refused(String token, String municipality, String address) {
        return catchThrowableOfType(PushApiException.class, () -> service.prepare(new PushRequest("POST",
                municipality, "bezoekers", token == null ? null : "Bearer " + token, null, null,
                "{}".getBytes(StandardCharsets.UTF_8), address)));
    }

    @Test
    void afterTheBurstOfFailuresAnAddressGets429EvenWithAGoodKeyUntilItSlowsDown() {
        assertThat(refused("sbm.wrong.key", "GM0166", "10.0.0.1").status()).isEqualTo(401);
        assertThat(refused(null, "GM0166", "10.0.0.1").status()).isEqualTo(401);
        assertThat(refused(kampenKey, "GM0193", "10.0.0.1").status()).isEqualTo(403);

        PushApiException limited = refused(kampenKey, "GM0166", "10.0.0.1");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.violations().get(0).rule()).isEqualTo("auth-failure-limit");
        assertThat(limited.headers()).containsEntry("Retry-After", "10");
        // another address is not affected; a good request is not a failure
        assertThat(refused(kampenKey, "GM0166", "10.0.0.2").status()).isEqualTo(404);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(refused(kampenKey, "GM0166", "10.0.0.1").status()).isEqualTo(404);
    }
}
