package nl.sobamo.deploy.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.sobamo.push.auth.ApiKeys;
import nl.sobamo.push.auth.PushKeyTool;

/**
 * Seeded municipal pushes over HTTP, as a municipality's client would send them: each request a batch of visitor
 * records with an {@code Idempotency-Key}; on no answer (service down), 503 or 429 it retries the same request with
 * the same key until it gets 202 or its deadline passes. It records every status seen and the record ids of every
 * 202, which the round then looks for on the raw topic.
 */
public final class PushLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_PAUSE = Duration.ofMillis(300);

    private final String baseUrl;
    private final Map<String, String> tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Set<String> acceptedRecordIds = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile BooleanSupplier outage = () -> false;
    private final Map<String, AtomicInteger> statusesDuringOutage = new ConcurrentHashMap<>();

    private PushLoad(String baseUrl, Map<String, String> tokens) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
    }

    /** One key per municipality, appended to the push service's key file (which it reloads while running). */
    public static PushLoad withKeys(String baseUrl, Path keysFile, List<String> municipalities) throws IOException {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String m : municipalities) {
            ApiKeys.NewKey key = ApiKeys.generate();
            PushKeyTool.append(keysFile, PushKeyTool.line(key.keyId(), m, key.hash()));
            tokens.put(m, key.token());
        }
        return new PushLoad(baseUrl, tokens);
    }

    /** The requests of one round: deterministic in seed and round. */
    public List<PushRequest> plan(long seed, int round, int requests, int batch) {
        List<String> municipalities = new ArrayList<>(tokens.keySet());
        List<PushRequest> plan = new ArrayList<>();
        for (int j = 0; j < requests; j++) {
            SplittableRandom random = new SplittableRandom(seed * 7_919L + round * 100_003L + j);
            String municipality = municipalities.get(j % municipalities.size());
            ArrayNode body = JSON.createArrayNode();
            int year = 2015 + random.nextInt(10);
            LocalDate start = LocalDate.of(year, 1 + 3 * random.nextInt(4), 1);
            for (int k = 0; k < batch; k++) {
                int visits = 10 + random.nextInt(2_000);
                ObjectNode r = body.addObject();
                r.put("facilityId", "push-r" + round + "-q" + j + "-" + k);
                r.put("facilityType", k % 2 == 0 ? "buurthuis" : "inloop");
                r.put("areaCode", municipality);
                r.put("periodStart", start.toString());
                r.put("periodEnd", start.plusMonths(3).minusDays(1).toString());
                r.put("visits", visits);
                // at least 2: a count of one person is refused as personal data (push contract, person-level)
                r.put("uniqueVisitors", 2 + random.nextInt(visits - 1));
            }
            plan.add(new PushRequest(municipality, "chaos-" + seed + "-r" + round + "-" + j, body.toString()));
        }
        return plan;
    }

    /** Marks the statuses answered while {@code during} holds (the registry outage) separately. */
    public void outageWindow(BooleanSupplier during) {
        this.outage = during;
    }

    /** Sends every request until 202 or {@code perRequest} passes; returns how many were accepted. */
    public int send(List<PushRequest> requests, Duration perRequest) {
        int ok = 0;
        for (PushRequest r : requests) {
            if (sendOne(r, perRequest)) {
                ok++;
            }
        }
        return ok;
    }

    private boolean sendOne(PushRequest r, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/municipalities/" + r.municipality() + "/visitors"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + tokens.get(r.municipality()))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", r.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(r.body())).build();
        while (System.nanoTime() < deadline) {
            attempts.incrementAndGet();
            String status;
            boolean duringOutage = outage.getAsBoolean();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = Integer.toString(response.statusCode());
                if (response.statusCode() == 202) {
                    JsonNode receipt = JSON.readTree(response.body());
                    receipt.path("recordIds").forEach(id -> acceptedRecordIds.add(id.asText()));
                    count(status, duringOutage);
                    accepted.incrementAndGet();
                    return true;
                }
                if (response.statusCode() != 503 && response.statusCode() != 429 && response.statusCode() != 409) {
                    count(status, duringOutage);
                    throw new IllegalStateException("push " + r.idempotencyKey() + " answered " + response.statusCode()
                            + ": " + response.body());
                }
            } catch (IOException noAnswer) {
                status = "no-answer";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            count(status, duringOutage);
            // the client's back-off before it retries with the same Idempotency-Key
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE.toMillis()));
        }
        return false;
    }

    private void count(String status, boolean duringOutage) {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (duringOutage) {
            statusesDuringOutage.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Requests sent so far, retries included. */
    public int attempts() {
        return attempts.get();
    }

    public int accepted() {
        return accepted.get();
    }

    public Set<String> acceptedRecordIds() {
        return Set.copyOf(acceptedRecordIds);
    }

    public Map<String, Integer> statuses() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        statuses.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public Map<String, Integer> statusesDuringOutage() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        statusesDuringOutage.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** One push: municipality, idempotency key, JSON body. */
    public record PushRequest(String municipality, String idempotencyKey, String body) {
    }
}
