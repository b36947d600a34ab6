package nl.sobamo.push;

import static nl.sobamo.push.PushHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.config.ConnectionSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the broker stopped the API answers 503 within the configured Kafka timeouts, never a false 2xx. */
class PushApiKafkaDownIT {

    @TempDir
    Path dir;
    PushKafka kafka;
    PushApi api;

    @AfterEach
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aStoppedBrokerGives503QuicklyAndNoReceipt() throws Exception {
        kafka = PushKafka.start();
        String key = PushHttp.issueKey(dir.resolve("keys.txt"), "GM0166");
        api = PushApi.start(PushApiConfig.from(Map.of(
                ConnectionSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                ConnectionSettings.REGISTRY_URL, "mock://push-kafka-down-it",
                PushApiConfig.PORT, "0",
                PushApiConfig.KEYS_FILE, dir.resolve("keys.txt").toString(),
                PushApiConfig.RECEIPTS_FILE, dir.resolve("receipts.jsonl").toString(),
                PushApiConfig.DELIVERY_TIMEOUT_MILLIS, "3000",
                PushApiConfig.REQUEST_TIMEOUT_MILLIS, "1000",
                PushApiConfig.MAX_BLOCK_MILLIS, "1000")), new SimpleMeterRegistry());
        PushHttp http = new PushHttp(api.baseUrl());
        // a first push while the broker runs: the producer then has connections and metadata, the harder case
        HttpResponse<String> up = http.push("POST", "GM0166", "visitors", key, PushApiIT.VISITORS, "before");
        assertThat(up.statusCode()).isEqualTo(202);

        kafka.stopBroker();
        long started = System.nanoTime();
        HttpResponse<String> down = http.push("POST", "GM0166", "visitors", key,
                PushApiIT.VISITORS.replace("4210", "4300"), "after");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).contains("30");
        assertThat(json(down).get("violations").get(0).get("rule").asText()).isEqualTo("kafka-acknowledgement");
        // bounded by delivery.timeout.ms (3 s), not by the client's 30 s timeout: the margin is for a loaded
        // machine; what this guards against is a request hanging until the client gives up
        assertThat(took).isLessThan(Duration.ofSeconds(25));
        // no receipt was stored for the failed request, so a retry with the same key publishes again
        assertThat(Files.readAllLines(dir.resolve("receipts.jsonl")))
                .anyMatch(l -> l.contains("\"idempotencyKey\":\"before\""))
                .noneMatch(l -> l.contains("\"idempotencyKey\":\"after\""));
        assertThat(api.receipts()).isEqualTo(1);
    }
}
