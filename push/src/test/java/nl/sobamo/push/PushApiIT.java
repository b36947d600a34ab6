package nl.sobamo.push;

import static nl.sobamo.push.PushHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.config.ConnectionSettings;
import nl.sobamo.hash.ContentHash;
import nl.sobamo.push.auth.PushKeyTool;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The push API over real HTTP against a real in-JVM KRaft broker, with the registry serializer (in-memory
 * registry). Every test issues its own key, so the rate limit of one test does not spill into another.
 */
class PushApiIT {

    static final String KAMPEN = "GM0166";
    static final String ZWOLLE = "GM0193";

    /** Visitors of a (made-up) buurthuis in Kampen, first quarter of 2025: the example of docs/push-api.md. */
    static final String VISITORS = """
            [{"facilityId":"bh-de-brug","facilityType":"buurthuis","areaCode":"WK016600",
              "periodStart":"2025-01-01","periodEnd":"2025-03-31","visits":4210,"uniqueVisitors":780,"estimated":true},
             {"facilityId":"inloop-ijsselmuiden","facilityType":"inloop","areaCode":"WK016603",
              "periodStart":"2025-01-01","periodEnd":"2025-03-31","visits":950}]""";

    @TempDir
    static Path dir;
    static PushKafka kafka;
    static PushApi api;
    static PushHttp http;
    static SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void start() throws Exception {
        kafka = PushKafka.start();
        PushApiConfig config = PushApiConfig.from(Map.of(
                ConnectionSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                ConnectionSettings.REGISTRY_URL, "mock://push-api-it",
                PushApiConfig.PORT, "0",
                PushApiConfig.KEYS_FILE, dir.resolve("push-keys.txt").toString(),
                PushApiConfig.KEYS_RELOAD_MILLIS, "0",
                PushApiConfig.RECEIPTS_FILE, dir.resolve("receipts.jsonl").toString(),
                PushApiConfig.MAX_BATCH_RECORDS, "50",
                PushApiConfig.RATE_LIMIT_BURST, "5",
                PushApiConfig.RATE_LIMIT_PER_MINUTE, "6",
                // every test here comes from 127.0.0.1; the failed-auth limit has its own test below
                PushApiConfig.AUTH_FAILURES_BURST, "1000"));
        api = PushApi.start(config, registry);
        http = new PushHttp(api.baseUrl());
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

    private static String key(String municipality) throws Exception {
        return PushHttp.issueKey(dir.resolve("push-keys.txt"), municipality);
    }

    @Test
    void anAcceptedPushIsOnTheRawTopicWithExactlyTheseContentsBeforeThe202() throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();

        HttpResponse<String> response = http.push("POST", KAMPEN, "visitors", key(KAMPEN), VISITORS, null);

        assertThat(response.statusCode()).isEqualTo(202);
        // no waiting: the 202 comes only after the acks
        assertThat(kafka.appendedSince(before)).isEqualTo(2);
        JsonNode receipt = json(response);
        assertThat(receipt.get("municipality").asText()).isEqualTo(KAMPEN);
        assertThat(receipt.get("dataset").asText()).isEqualTo("visitors");
        assertThat(receipt.get("operation").asText()).isEqualTo("create");
        assertThat(receipt.get("topic").asText()).isEqualTo(Topics.RAW_PUSH);
        assertThat(receipt.get("count").asInt()).isEqualTo(2);
        assertThat(receipt.get("recordIds")).extracting(JsonNode::asText).containsExactly(
                "push/visitors/GM0166/bh-de-brug/2025-01-01/2025-03-31",
                "push/visitors/GM0166/inloop-ijsselmuiden/2025-01-01/2025-03-31");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("Authorization")).isEmpty();

        List<ConsumerRecord<String, RawRecord>> written = kafka.readSince(before);
        assertThat(written).hasSize(2);
        RawRecord brug = written.stream().map(ConsumerRecord::value)
                .filter(r -> r.getRecordId().contains("bh-de-brug")).findFirst().orElseThrow();
        assertThat(written).filteredOn(r -> r.value() == brug).extracting(ConsumerRecord::key)
                .containsExactly("push/visitors/GM0166/bh-de-brug/2025-01-01/2025-03-31");
        assertThat(brug.getSource()).isEqualTo("push");
        assertThat(brug.getDataset()).isEqualTo("visitors");
        assertThat(brug.getPeriod()).isEqualTo("2025");
        assertThat(brug.getAreaCode()).isEqualTo("WK016600");
        assertThat(brug.getFields()).isEqualTo(Map.of(
                "facilityId", "bh-de-brug", "facilityType", "buurthuis",
                "areaCode", "WK016600", "periodStart", "2025-01-01",
                "periodEnd", "2025-03-31", "visits", "4210",
                "uniqueVisitors", "780", "estimated", "true",
                "municipalityCode", "GM0166"));
        assertThat(brug.getFetchedAt()).isEqualTo(Instant.parse(receipt.get("acceptedAt").asText()));
        assertThat(brug.getUri()).isEqualTo("push-api:/api/v1/municipalities/GM0166/visitors");
        assertThat(brug.getLocation()).isEqualTo("POST receipt " + receipt.get("receiptId").asText() + " record 0");
        assertThat(brug.getContentHash()).isEqualTo(ContentHash.sha256Hex(VISITORS));
        assertThat(brug.getLicence()).isNull();
        RawRecord inloop = written.stream().map(ConsumerRecord::value).filter(r -> r != brug).findFirst().orElseThrow();
        assertThat(inloop.getFields()).containsEntry("estimated", "false").doesNotContainKey("uniqueVisitors")
                .containsEntry("visits", "950");
        assertThat(registry.get("sobamo.ingest.records").tags("source", "push", "outcome", "published").counter()
                .count()).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void aKeyOfAnotherMunicipalityIs403AndWritesNothing() throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();

        HttpResponse<String> response = http.push("POST", KAMPEN, "visitors", key(ZWOLLE), VISITORS, null);

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode error = json(response);
        assertThat(error.get("error").asText()).isEqualTo("forbidden");
        assertThat(error.get("violations").get(0).get("field").asText()).isEqualTo("municipality");
        assertThat(error.get("violations").get(0).get("rule").asText()).isEqualTo("own-municipality-only");
        assertThat(error.get("message").asText())
                .isEqualTo("this key belongs to GM0193 and may only write data for GM0193");
        assertThat(kafka.appendedSince(before)).isZero();
    }

    @Test
    void noKeyOrAWrongKeyIs401() throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();
        String good = key(KAMPEN);
        String wrongSecret = good.substring(0, good.lastIndexOf('.') + 1) + "A".repeat(43);

        HttpResponse<String> none = http.push("POST", KAMPEN, "visitors", null, VISITORS, null);
        HttpResponse<String> wrong = http.push("POST", KAMPEN, "visitors", wrongSecret, VISITORS, null);
        HttpResponse<String> garbage = http.push("POST", KAMPEN, "visitors", "letmein", VISITORS, null);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("violations").get(0).get("rule").asText()).isEqualTo("credentials-required");
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"sobamo-push\"");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("violations").get(0).get("rule").asText()).isEqualTo("credentials-invalid");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(kafka.appendedSince(before)).isZero();
    }

    @Test
    void theXApiKeyHeaderWorksLikeTheBearerToken() throws Exception {
        HttpResponse<String> response = http.send("POST", "/api/v1/municipalities/GM0166/facilities", """
                {"facilityId":"bh-de-brug","type":"buurthuis","areaCode":"WK016600","year":2025,"m2":640,
                 "openingHoursPerWeek":52.5,"fteProfessionals":2.4}""", Map.of("X-API-Key", key(KAMPEN)));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("recordIds").get(0).asText()).isEqualTo("push/facilities/GM0166/bh-de-brug/2025");
    }

    @Test
    void aPayloadWithABsnIs422ExplainedAndNothingIsWritten() throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();
        String body = """
                [{"facilityId":"bh-de-brug","facilityType":"buurthuis","areaCode":"WK016600",
                  "periodStart":"2025-01-01","periodEnd":"2025-03-31","visits":12},
                 {"facilityId":"bh-111222333","facilityType":"buurthuis","areaCode":"WK016600",
                  "periodStart":"2025-01-01","periodEnd":"2025-03-31","visits":40}]""";

        HttpResponse<String> response = http.push("POST", KAMPEN, "visitors", key(KAMPEN), body, null);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = json(response);
        assertThat(error.get("error").asText()).isEqualTo("personal-data");
        assertThat(error.get("message").asText()).isEqualTo("the request contains personal data; the sociale-basis"
                + " monitor accepts aggregate figures only, so nothing of this request was stored");
        assertThat(error.get("violations")).hasSize(1);
        JsonNode v = error.get("violations").get(0);
        assertThat(v.get("record").asInt()).isEqualTo(1);
        assertThat(v.get("field").asText()).isEqualTo("facilityId");
        assertThat(v.get("rule").asText()).isEqualTo("personal-data-bsn");
        assertThat(response.body()).doesNotContain("111222333");
        assertThat(kafka.appendedSince(before)).isZero();
    }

    @Test
    void anEmailAddressOrANameFieldIs422() throws Exception {
        String key = key(KAMPEN);
        HttpResponse<String> email = http.push("POST", KAMPEN, "volunteers", key, """
                {"organisation":"contact: jan@example.nl","areaCode":"GM0166","periodStart":"2025-01-01",
                 "periodEnd":"2025-06-30","volunteers":35}""", null);
        HttpResponse<String> name = http.push("POST", KAMPEN, "volunteers", key, """
                {"organisation":"Vrijwilligerscentrale Kampen","areaCode":"GM0166","periodStart":"2025-01-01",
                 "periodEnd":"2025-06-30","volunteers":35,"naam":"Jan"}""", null);

        assertThat(email.statusCode()).isEqualTo(422);
        assertThat(json(email).get("violations").get(0).get("rule").asText()).isEqualTo("personal-data-email");
        assertThat(name.statusCode()).isEqualTo(422);
        assertThat(json(name).get("violations").get(0).get("rule").asText()).isEqualTo("personal-data-field");
        assertThat(json(name).get("violations").get(0).get("field").asText()).isEqualTo("naam");
    }

    @Test
    void invalidRecordsAre422NamingFieldAndRule() throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();
        String body = """
                [{"facilityId":"bh-de-brug","facilityType":"buurthuis","areaCode":"WK019300",
                  "periodStart":"2025-01-01","periodEnd":"2025-03-31","visits":-5},
                 {"facilityId":"bh-de-brug","facilityType":"buurthuis","areaCode":"WK016600",
                  "periodStart":"2025-04-01","periodEnd":"2025-06-30","visits":"many"},
                 {"facilityId":"bh-de-brug","facilityType":"buurthuis","areaCode":"WK016600",
                  "periodStart":"2025-07-01","periodEnd":"2025-09-30","visits":100,"uniqueVisitors":101}]""";

        HttpResponse<String> response = http.push("POST", KAMPEN, "visitors", key(KAMPEN), body, null);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = json(response);
        assertThat(error.get("error").asText()).isEqualTo("validation");
        assertThat(error.get("message").asText()).isEqualTo("4 violation(s); nothing of this request was stored");
        assertThat(error.get("violations")).extracting(v -> v.get("record").asInt() + " " + v.get("field").asText()
                + " " + v.get("rule").asText()).containsExactly(
                "0 areaCode area-in-municipality",
                "0 visits not-negative",
                "1 visits type-integer",
                "2 uniqueVisitors unique-le-visits");
        assertThat(kafka.appendedSince(before)).isZero();
    }

    @Test
    void pathErrorsNameTheSegment() throws Exception {
        String key = key(KAMPEN);
        HttpResponse<String> dataset = http.push("POST", KAMPEN, "bezoekers", key, VISITORS, null);
        HttpResponse<String> format = http.push("POST", "GM166", "visitors", key, VISITORS, null);
        HttpResponse<String> unknown = http.push("POST", "GM9999", "visitors", key, VISITORS, null);
        HttpResponse<String> syntax = http.push("POST", KAMPEN, "visitors", key, "{\"visits\": 3,", null);

        assertThat(dataset.statusCode()).isEqualTo(404);
        assertThat(json(dataset).get("violations").get(0).get("rule").asText()).isEqualTo("known-dataset");
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(json(format).get("violations").get(0).get("rule").asText()).isEqualTo("format-municipality");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("violations").get(0).get("rule").asText()).isEqualTo("known-municipality");
        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(json(syntax).get("violations").get(0).get("rule").asText()).isEqualTo("json-syntax");
    }

    @Test
    void aBodyOverTheLimitIs413AndSoIsABatchOverTheLimit() throws Exception {
        String key = key(KAMPEN);
        Map<TopicPartition, Long> before = kafka.endOffsets();
        String big = "[" + "{\"facilityId\":\"x\"},".repeat(60_000) + "{}]"; // ~1.1 MB

        HttpResponse<String> body = http.push("POST", KAMPEN, "visitors", key, big, null);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"facilityId\":\"f").append(i).append("\",\"facilityType\":")
                    .append("\"activity\",\"areaCode\":\"GM0166\",\"periodStart\":\"2025-01-01\",")
                    .append("\"periodEnd\":\"2025-01-31\",\"visits\":10}");
        }
        HttpResponse<String> records = http.push("POST", KAMPEN, "visitors", key, batch.append("]").toString(), null);

        assertThat(big.length()).isGreaterThan(1_048_576);
        assertThat(body.statusCode()).isEqualTo(413);
        assertThat(json(body).get("violations").get(0).get("rule").asText()).isEqualTo("max-body-bytes");
        assertThat(records.statusCode()).isEqualTo(413);
        assertThat(json(records).get("message").asText())
                .isEqualTo("51 records in one request; at most 50: split the batch");
        assertThat(kafka.appendedSince(before)).isZero();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameReceiptAndWritesOnce() throws Exception {
        String key = key(KAMPEN);
        Map<TopicPartition, Long> before = kafka.endOffsets();

        HttpResponse<String> first = http.push("POST", KAMPEN, "visitors", key, VISITORS, "kampen-2025-q1-visitors");
        HttpResponse<String> retry = http.push("POST", KAMPEN, "visitors", key, VISITORS, "kampen-2025-q1-visitors");
        HttpResponse<String> otherBody = http.push("POST", KAMPEN, "visitors", key,
                VISITORS.replace("4210", "4211"), "kampen-2025-q1-visitors");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(json(first).get("idempotencyKey").asText()).isEqualTo("kampen-2025-q1-visitors");
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(json(otherBody).get("violations").get(0).get("rule").asText()).isEqualTo("idempotency-key-reuse");
        assertThat(kafka.appendedSince(before)).isEqualTo(2);
        // the receipt is on disk, so a restarted API answers the retry too
        assertThat(Files.readAllLines(dir.resolve("receipts.jsonl")))
                .anyMatch(l -> l.contains("\"idempotencyKey\":\"kampen-2025-q1-visitors\""));
    }

    @Test
    void aPutCorrectionKeepsTheRecordIdSoItSupersedesTheEarlierValue() throws Exception {
        String key = key(KAMPEN);
        String original = """
                {"service":"buurtteam-inloop","areaCode":"WK016600","periodStart":"2025-04-01",
                 "periodEnd":"2025-06-30","respondents":48,
                 "satisfied":{"positive":40,"neutral":6,"negative":2},
                 "listenedTo":{"positive":44,"neutral":3,"negative":1}}""";
        Map<TopicPartition, Long> before = kafka.endOffsets();

        HttpResponse<String> post = http.push("POST", KAMPEN, "experience", key, original, null);
        HttpResponse<String> put = http.push("PUT", KAMPEN, "experience", key,
                original.replace("\"positive\":40,\"neutral\":6", "\"positive\":41,\"neutral\":5"), null);

        assertThat(post.statusCode()).isEqualTo(202);
        assertThat(put.statusCode()).isEqualTo(202);
        assertThat(json(put).get("operation").asText()).isEqualTo("correction");
        String id = "push/experience/GM0166/buurtteam-inloop/WK016600/2025-04-01/2025-06-30";
        assertThat(json(post).get("recordIds").get(0).asText()).isEqualTo(id);
        assertThat(json(put).get("recordIds").get(0).asText()).isEqualTo(id);
        List<ConsumerRecord<String, RawRecord>> written = kafka.readSince(before);
        assertThat(written).extracting(ConsumerRecord::key).containsExactly(id, id); // same key: same partition, in order
        assertThat(written.get(0).value().getFields()).containsEntry("satisfied.positive", "40");
        assertThat(written.get(1).value().getFields()).containsEntry("satisfied.positive", "41")
                .containsEntry("satisfied.neutral", "5").containsEntry("satisfied.negative", "2")
                .containsEntry("listenedTo.positive", "44").containsEntry("respondents", "48");
        assertThat(written.get(1).value().getLocation()).startsWith("PUT receipt ");
    }

    @Test
    void theSixthRequestWithinTheBurstIs429WithRetryAfter() throws Exception {
        String key = key(KAMPEN);
        for (int i = 0; i < 5; i++) {
            assertThat(http.push("POST", KAMPEN, "bezoekers", key, "{}", null).statusCode()).isEqualTo(404);
        }

        HttpResponse<String> limited = http.push("POST", KAMPEN, "visitors", key, VISITORS, null);

        assertThat(limited.statusCode()).isEqualTo(429);
        // 6 per minute: one token every 10 s, less what the five requests took on this machine; the exact
        // arithmetic is RateLimiterTest's (controlled clock), here only that it is a sane wait
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(1L, 10L);
        assertThat(json(limited).get("violations").get(0).get("rule").asText()).isEqualTo("rate-limit");
        // other keys are not affected
        assertThat(http.push("POST", KAMPEN, "bezoekers", key(KAMPEN), "{}", null).statusCode()).isEqualTo(404);
    }

    @Test
    void keysRotateWithoutRestart() throws Exception {
        Path keys = dir.resolve("push-keys.txt");
        String old = key(KAMPEN);
        assertThat(http.push("POST", KAMPEN, "bezoekers", old, "{}", null).statusCode()).isEqualTo(404);
        String fresh = key(KAMPEN);
        String oldId = old.split("\\.")[1];

        assertThat(PushKeyTool.run(new String[] {"revoke", oldId, keys.toString()}, System.out, System.err)).isZero();

        assertThat(http.push("POST", KAMPEN, "bezoekers", old, "{}", null).statusCode()).isEqualTo(401);
        assertThat(http.push("POST", KAMPEN, "bezoekers", fresh, "{}", null).statusCode()).isEqualTo(404);
    }

    @Test
    void openApiAndHealthAreServed() throws Exception {
        HttpResponse<String> openapi = http.get("/api/v1/openapi.json");
        HttpResponse<String> health = http.get("/health");

        assertThat(openapi.statusCode()).isEqualTo(200);
        JsonNode doc = json(openapi);
        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
        assertThat(doc.get("paths").fieldNames()).toIterable().containsExactly(
                "/api/v1/municipalities/{municipality}/budget", "/api/v1/municipalities/{municipality}/visitors",
                "/api/v1/municipalities/{municipality}/volunteers", "/api/v1/municipalities/{municipality}/experience",
                "/api/v1/municipalities/{municipality}/facilities", "/health", "/api/v1/openapi.json");
        assertThat(doc.at("/components/schemas/VisitorsRecord/required")).extracting(JsonNode::asText).containsExactly(
                "facilityId", "facilityType", "areaCode", "periodStart", "periodEnd", "visits");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"client 111 222 333", "client 111-222-333", "client 111.222.333",
            "client \uFF11\uFF11\uFF11\uFF12\uFF12\uFF12\uFF13\uFF13\uFF13", "client 111\u200B222\u200B333"})
    void aBsnSpacedOrSpelledAnyWayIs422AndNeverReachesKafka(String organisation) throws Exception {
        Map<TopicPartition, Long> before = kafka.endOffsets();
        String body = PushHttp.JSON.writeValueAsString(Map.of("organisation", organisation, "areaCode", "GM0166",
                "periodStart", "2025-01-01", "periodEnd", "2025-06-30", "volunteers", 35));

        HttpResponse<String> response = http.push("POST", KAMPEN, "volunteers", key(KAMPEN), body, null);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("violations").get(0).get("rule").asText()).isEqualTo("personal-data-bsn");
        assertThat(response.body()).doesNotContain("111").doesNotContain("333");
        assertThat(kafka.appendedSince(before)).isZero();
    }

    @Test
    void valuesNormalizeWouldDeadLetterAre422NotAccepted() throws Exception {
        String key = key(KAMPEN);
        Map<TopicPartition, Long> before = kafka.endOffsets();
        String facility = "{\"facilityId\":\"bh-de-brug\",\"type\":\"buurthuis\",\"areaCode\":\"WK016600\","
                + "\"year\":2025,\"m2\":%s}";
        String visitors = "{\"facilityId\":\"bh-de-brug\",\"facilityType\":\"buurthuis\",\"areaCode\":\"WK016600\","
                + "\"periodStart\":\"%s-01-01\",\"periodEnd\":\"%s-03-31\",\"visits\":12}";

        HttpResponse<String> infinite = http.push("POST", KAMPEN, "facilities", key, facility.formatted("1e309"), null);
        HttpResponse<String> tiny = http.push("POST", KAMPEN, "facilities", key, facility.formatted("1e-300"), null);
        HttpResponse<String> negativeYear = http.push("POST", KAMPEN, "visitors", key,
                visitors.formatted("-0001", "-0001"), null);
        HttpResponse<String> yearOne = http.push("POST", KAMPEN, "visitors", key, visitors.formatted("0001", "0001"),
                null);

        assertThat(infinite.statusCode()).isEqualTo(422);
        assertThat(json(infinite).get("violations").get(0).get("rule").asText()).isEqualTo("max");
        assertThat(tiny.statusCode()).isEqualTo(422);
        assertThat(json(tiny).get("violations").get(0).get("rule").asText()).isEqualTo("max-decimals");
        assertThat(negativeYear.statusCode()).isEqualTo(422);
        assertThat(json(negativeYear).get("violations").get(0).get("rule").asText()).isEqualTo("type-date");
        assertThat(yearOne.statusCode()).isEqualTo(422);
        assertThat(json(yearOne).get("violations").get(0).get("rule").asText()).isEqualTo("range-year");
        assertThat(kafka.appendedSince(before)).isZero();
    }

    @Test
    void hostileJsonIs400WithAReasonNever500() throws Exception {
        String key = key(KAMPEN);
        String deep = "[".repeat(3_000) + "]".repeat(3_000);
        String longNumber = "{\"visits\":" + "9".repeat(1_500) + "}";
        String hugeExponent = "{\"facilityId\":\"bh-de-brug\",\"facilityType\":\"buurthuis\","
                + "\"areaCode\":\"WK016600\",\"periodStart\":\"2025-01-01\",\"periodEnd\":\"2025-03-31\","
                + "\"visits\":1e10000000}";

        HttpResponse<String> tooDeep = http.push("POST", KAMPEN, "visitors", key, deep, null);
        HttpResponse<String> tooLong = http.push("POST", KAMPEN, "visitors", key, longNumber, null);
        HttpResponse<String> exponent = http.push("POST", KAMPEN, "visitors", key, hugeExponent, null);

        assertThat(tooDeep.statusCode()).isEqualTo(400);
        assertThat(json(tooDeep).get("violations").get(0).get("rule").asText()).isEqualTo("json-too-deep");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get("violations").get(0).get("rule").asText()).isEqualTo("json-limits");
        assertThat(exponent.statusCode()).isEqualTo(422);
        assertThat(json(exponent).get("violations").get(0).get("rule").asText()).isEqualTo("max");
        assertThat(registry.get(PushMetrics.REJECTIONS.name()).tags("channel", "api", "reason", "json-too-deep").counter()
                .count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aWrongMethodIs405WithTheAllowedMethodsAndCounted() throws Exception {
        HttpResponse<String> get = http.send("GET", "/api/v1/municipalities/GM0166/visitors", null, Map.of());
        HttpResponse<String> delete = http.send("DELETE", "/health", null, Map.of());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST, PUT");
        assertThat(json(get).get("violations").get(0).get("rule").asText()).isEqualTo("method-not-allowed");
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).contains("GET");
        assertThat(registry.get(PushMetrics.SERVER_REJECTIONS.name()).tags("status", "405").counter().count())
                .isGreaterThanOrEqualTo(2.0);
    }
}
