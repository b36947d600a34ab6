package nl.sobamo.push.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.config.ConnectionSettings;
import nl.sobamo.push.PushApi;
import nl.sobamo.push.PushApiConfig;
import nl.sobamo.push.PushHttp;
import nl.sobamo.push.PushKafka;
import nl.sobamo.push.validation.PersonalDataGuard;
import nl.sobamo.schemas.RawRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code corpus/push-api.jsonl} (written by {@code corpus/generate.py}) against the running API and
 * a real broker: status and reason as expected, never a 500, every refusal with a reason, and afterwards nothing on
 * the topic that the personal-data guard would recognise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushCorpusIT {

    static final java.util.Set<String> AMOUNTS = java.util.Set.of("amountEur");
    @TempDir
    static Path dir;
    static PushKafka kafka;
    static PushApi api;
    static PushHttp http;
    static Map<TopicPartition, Long> start;
    static String kampen;
    static String zwolle;

    /** One line of the corpus. */
    record Case(String name, String method, String path, Map<String, String> headers, String body, int status,
                String reason) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = PushCorpusIT.class.getResourceAsStream("/corpus/push-api.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = PushHttp.JSON.readTree(line);
                Map<String, String> headers = new LinkedHashMap<>();
                n.get("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
                cases.add(new Case(n.get("name").asText(), n.get("method").asText(), n.get("path").asText(), headers,
                        n.get("body").isNull() ? null : n.get("body").asText(), n.get("status").asInt(),
                        n.get("reason").isNull() ? null : n.get("reason").asText()));
            }
        }
        return cases.stream();
    }

    @BeforeAll
    static void startApi() throws Exception {
        kafka = PushKafka.start();
        Path keys = dir.resolve("keys.txt");
        kampen = PushHttp.issueKey(keys, "GM0166");
        zwolle = PushHttp.issueKey(keys, "GM0193");
        api = PushApi.start(PushApiConfig.from(Map.of(
                ConnectionSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                ConnectionSettings.REGISTRY_URL, "mock://push-corpus-it",
                PushApiConfig.PORT, "0",
                PushApiConfig.KEYS_FILE, keys.toString(),
                PushApiConfig.RECEIPTS_FILE, dir.resolve("receipts.jsonl").toString(),
                PushApiConfig.MAX_BATCH_RECORDS, "50",
                PushApiConfig.RATE_LIMIT_BURST, "10000",
                PushApiConfig.AUTH_FAILURES_BURST, "10000")), new SimpleMeterRegistry());
        http = new PushHttp(api.baseUrl());
        start = kafka.endOffsets();
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsTheCorpusExpects(Case c) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        c.headers().forEach((k, v) -> headers.put(k, v.replace("$KAMPEN", kampen).replace("$ZWOLLE", zwolle)));

        HttpResponse<String> response = http.send(c.method(), c.path(), body(c.body()), headers);

        assertThat(response.statusCode()).as(c.name() + ": " + response.body()).isEqualTo(c.status());
        if (response.statusCode() >= 400) {
            JsonNode error = PushHttp.json(response);
            assertThat(error.get("violations")).as(c.name()).isNotEmpty();
            assertThat(error.get("violations")).allSatisfy(v -> assertThat(v.get("rule").asText()).isNotBlank());
            assertThat(error.get("violations").get(0).get("rule").asText()).as(c.name()).isEqualTo(c.reason());
            if (c.reason() != null && c.reason().startsWith("personal-data")) {
                assertThat(response.body()).as(c.name()).doesNotContain("111222333").doesNotContain("222 333")
                        .doesNotContain("jan@");
            }
        }
    }

    @Order(2)
    @Test
    void noPersonalDataReachedTheTopic() throws Exception {
        List<ConsumerRecord<String, RawRecord>> written = kafka.readSince(start);

        assertThat(written).isNotEmpty();
        for (ConsumerRecord<String, RawRecord> r : written) {
            assertThat(PersonalDataGuard.containsBsn(r.key())).as(r.key()).isFalse();
            r.value().getFields().forEach((field, value) -> {
                if (AMOUNTS.contains(field)) {
                    return; // a budget of EUR 123,456,782 is accepted by design: amounts are exempt from the BSN test
                }
                assertThat(PersonalDataGuard.personalFieldName(field)).as(field).isFalse();
                assertThat(PersonalDataGuard.containsBsn(value) || PersonalDataGuard.containsEmail(value))
                        .as(r.key() + " " + field).isFalse();
            });
        }
    }

    /** Bodies too large or too deep to keep as text in the corpus are generated. */
    static String body(String spec) {
        if (spec == null) {
            return null;
        }
        return switch (spec) {
            case "$DEEP3000" -> "[".repeat(3_000) + "]".repeat(3_000);
            case "$DEEP9" -> "{\"a\":".repeat(9) + "1" + "}".repeat(9);
            case "$LONGNUM1500" -> "{\"visits\":" + "9".repeat(1_500) + "}";
            case "$BIG" -> "[" + "{\"facilityId\":\"x\"},".repeat(60_000) + "{}]";
            case "$BATCH51" -> {
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < 51; i++) {
                    b.append(i == 0 ? "" : ",").append("{\"facilityId\":\"f").append(i).append("\",\"facilityType\":")
                            .append("\"activity\",\"areaCode\":\"GM0166\",\"periodStart\":\"2025-01-01\",")
                            .append("\"periodEnd\":\"2025-01-31\",\"visits\":10}");
                }
                yield b.append("]").toString();
            }
            default -> spec;
        };
    }
}
