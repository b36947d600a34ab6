package nl.sobamo.push;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import nl.sobamo.hash.ContentHash;
import nl.sobamo.push.api.PushApiException;
import nl.sobamo.push.auth.PushKeyStore;
import nl.sobamo.push.auth.RateLimiter;
import nl.sobamo.push.idempotency.ReceiptStore;
import nl.sobamo.push.validation.Dataset;
import nl.sobamo.push.validation.Municipalities;
import nl.sobamo.push.validation.PushValidator;
import nl.sobamo.push.validation.ValidationResult;
import nl.sobamo.push.validation.Violation;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.topics.Topics;

/**
 * The push API's decisions, free of HTTP and Kafka so they can be tested directly. The route calls
 * {@link #prepare} (authentication, authorisation, limits, idempotency, validation: everything that can refuse a
 * request), publishes the records, then calls {@link #complete} (stores the receipt) or {@link #abort}.
 *
 * <p>Checks in order, the first failing one answers: 429 too many failed authentications from this client address
 * (401 and 403 answers count); 401 no or wrong key; 400 malformed municipality code;
 * 404 unknown municipality; 403 key of another municipality; 429 rate limit; 404 unknown dataset; 400 malformed
 * Idempotency-Key or JSON; 413 too many records; replay/409/422 for a known Idempotency-Key; 422 personal data or
 * validation.
 */
public final class PushService {

    public static final String REALM = "Bearer realm=\"sobamo-push\"";
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Deepest JSON nesting read: a batch (1) of records (2) with statement objects (3), and some room. */
    static final int MAX_NESTING_DEPTH = 8;
    /** Longest number literal read: far beyond any figure a municipality has, far below a costly conversion. */
    static final int MAX_NUMBER_LENGTH = 40;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** What to do with a request that passed every check. */
    public sealed interface Prepared permits Replay, Publish {
    }

    /** Same Idempotency-Key and payload as an accepted request: answer its receipt, publish nothing. */
    public record Replay(Receipt receipt) implements Prepared {
    }

    /** Publish these records, then {@link #complete} with this receipt. */
    public record Publish(String municipality, String idempotencyKey, String requestHash, List<RawRecord> records,
                          Receipt receipt) implements Prepared {
    }

    private final PushApiConfig config;
    private final PushKeyStore keys;
    private final RateLimiter rateLimiter;
    private final RateLimiter authFailures;
    private final ReceiptStore receipts;
    private final PushValidator validator;
    private final Municipalities municipalities;
    private final Clock clock;

    public PushService(PushApiConfig config, PushKeyStore keys, RateLimiter rateLimiter, ReceiptStore receipts,
                       PushValidator validator, Municipalities municipalities, Clock clock) {
        this(config, keys, rateLimiter, new RateLimiter(config.authFailuresPerMinute(), config.authFailuresBurst()),
                receipts, validator, municipalities, clock);
    }

    /** @param authFailures limits failed authentications (401, 403) per client address */
    public PushService(PushApiConfig config, PushKeyStore keys, RateLimiter rateLimiter, RateLimiter authFailures,
                       ReceiptStore receipts, PushValidator validator, Municipalities municipalities, Clock clock) {
        this.authFailures = Objects.requireNonNull(authFailures, "authFailures");
        this.config = Objects.requireNonNull(config, "config");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.municipalities = Objects.requireNonNull(municipalities, "municipalities");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws PushApiException with the status and JSON error to answer */
    public Prepared prepare(PushRequest request) {
        String client = request.clientAddress() == null ? "unknown" : request.clientAddress();
        RateLimiter.Decision guessing = authFailures.peek(client);
        if (!guessing.allowed()) {
            // before the key is even looked at: a client guessing keys learns nothing more until it slows down
            throw PushApiException.of(429, "too-many-requests", "Authorization", "auth-failure-limit", "too many"
                    + " requests with a missing, wrong or foreign key from this address; retry after "
                    + guessing.retryAfterSeconds() + " s").withHeader("Retry-After",
                    Long.toString(guessing.retryAfterSeconds()));
        }
        try {
            return authorisedPrepare(request);
        } catch (PushApiException e) {
            if (e.status() == 401 || e.status() == 403) {
                authFailures.tryAcquire(client);
            }
            throw e;
        }
    }

    private Prepared authorisedPrepare(PushRequest request) {
        PushKeyStore.Principal principal = authenticate(request);
        String municipality = request.municipality();
        if (!Municipalities.wellFormed(municipality)) {
            throw PushApiException.of(400, "bad-request", "municipality", "format-municipality",
                    "municipality code must be GM followed by four digits, e.g. GM0166");
        }
        if (!municipalities.contains(municipality)) {
            throw PushApiException.of(404, "not-found", "municipality", "known-municipality",
                    "unknown municipality " + municipality + " (not one of today's municipality codes)");
        }
        if (!principal.municipality().equals(municipality)) {
            throw PushApiException.of(403, "forbidden", "municipality", "own-municipality-only",
                    "this key belongs to " + principal.municipality() + " and may only write data for "
                            + principal.municipality());
        }
        RateLimiter.Decision decision = rateLimiter.tryAcquire(principal.keyId());
        if (!decision.allowed()) {
            throw PushApiException.of(429, "too-many-requests", null, "rate-limit", "more than "
                    + config.rateLimitPerMinute() + " requests per minute (burst " + config.rateLimitBurst()
                    + ") with this key; retry after " + decision.retryAfterSeconds() + " s")
                    .withHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }
        Dataset dataset = Dataset.byId(request.dataset()).orElseThrow(() -> PushApiException.of(404, "not-found",
                "dataset", "known-dataset", "unknown dataset '" + request.dataset() + "'; datasets: " + Dataset.ids()));
        String idempotencyKey = request.idempotencyKey() == null || request.idempotencyKey().isBlank() ? null
                : request.idempotencyKey().trim();
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw PushApiException.of(400, "bad-request", "Idempotency-Key", "format-idempotency-key",
                    "Idempotency-Key must be 1 to 128 characters of A-Z a-z 0-9 . _ : - (a UUID is fine)");
        }
        List<JsonNode> records = parseRecords(request.body());
        if (records.size() > config.maxBatchRecords()) {
            throw PushApiException.of(413, "payload-too-large", null, "max-batch-records", records.size()
                    + " records in one request; at most " + config.maxBatchRecords() + ": split the batch");
        }
        boolean correction = "PUT".equalsIgnoreCase(request.method());
        String requestHash = ContentHash.sha256Hex((correction ? "PUT " : "POST ") + dataset.id() + "\n")
                + ContentHash.sha256Hex(request.body());
        if (idempotencyKey != null) {
            ReceiptStore.Claim claim = receipts.claim(municipality, idempotencyKey, requestHash);
            if (claim instanceof ReceiptStore.Replay replay) {
                return new Replay(replay.receipt());
            }
            if (claim instanceof ReceiptStore.Mismatch) {
                throw PushApiException.of(422, "idempotency-key-reused", "Idempotency-Key", "idempotency-key-reuse",
                        "this Idempotency-Key was already used for a different request; use a new key per request");
            }
            if (claim instanceof ReceiptStore.InFlight) {
                throw PushApiException.of(409, "conflict", "Idempotency-Key", "idempotency-key-in-flight",
                        "a request with this Idempotency-Key is still being processed; retry later");
            }
        }
        try {
            return validateAndBuild(municipality, dataset, records, correction, idempotencyKey, requestHash,
                    request.body());
        } catch (RuntimeException e) {
            if (idempotencyKey != null) {
                receipts.release(municipality, idempotencyKey);
            }
            throw e;
        }
    }

    /** Call once Kafka acknowledged every record: stores the receipt (when there is an Idempotency-Key). */
    public Receipt complete(Publish publish) {
        if (publish.idempotencyKey() != null) {
            receipts.complete(publish.municipality(), publish.idempotencyKey(), publish.requestHash(), publish.receipt());
        }
        return publish.receipt();
    }

    /** Call when publishing failed: a retry with the same Idempotency-Key may then publish again. */
    public void abort(Publish publish) {
        if (publish.idempotencyKey() != null) {
            receipts.release(publish.municipality(), publish.idempotencyKey());
        }
    }

    private Prepared validateAndBuild(String municipality, Dataset dataset, List<JsonNode> records, boolean correction,
                                      String idempotencyKey, String requestHash, byte[] body) {
        ValidationResult result = validator.validate(municipality, dataset, records);
        if (result.personalData()) {
            throw new PushApiException(422, "personal-data", "the request contains personal data; the sociale-basis"
                    + " monitor accepts aggregate figures only, so nothing of this request was stored",
                    result.violations(), Map.of());
        }
        if (!result.valid()) {
            throw new PushApiException(422, "validation", result.violations().size() + " violation(s); nothing of"
                    + " this request was stored", result.violations(), Map.of());
        }
        Instant acceptedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // RawRecord keeps millis
        String receiptId = UUID.randomUUID().toString();
        String uri = "push-api:/api/v1/municipalities/" + municipality + "/" + dataset.id();
        String operation = correction ? "correction" : "create";
        List<RawRecord> raw = PushRecords.toRawRecords(dataset, municipality, result.records(), acceptedAt, uri,
                r -> (correction ? "PUT" : "POST") + " receipt " + receiptId + " record " + r.index(),
                ContentHash.sha256Hex(body));
        List<String> ids = new ArrayList<>(raw.size());
        raw.forEach(r -> ids.add(r.getRecordId()));
        Receipt receipt = new Receipt(receiptId, municipality, dataset.id(), operation, idempotencyKey,
                acceptedAt.toString(), Topics.RAW_PUSH, ids.size(), ids);
        return new Publish(municipality, idempotencyKey, requestHash, raw, receipt);
    }

    private PushKeyStore.Principal authenticate(PushRequest request) {
        String token = token(request);
        if (token == null) {
            throw PushApiException.of(401, "unauthorized", "Authorization", "credentials-required",
                    "send your municipality's API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'")
                    .withHeader("WWW-Authenticate", REALM);
        }
        Optional<PushKeyStore.Principal> principal = keys.authenticate(token);
        return principal.orElseThrow(() -> PushApiException.of(401, "unauthorized", "Authorization",
                "credentials-invalid", "the API key is unknown, revoked or malformed")
                .withHeader("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
    }

    private static String token(PushRequest request) {
        String auth = request.authorization();
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && !auth.substring(7).isBlank()) {
            return auth.substring(7).trim();
        }
        return request.apiKey() == null || request.apiKey().isBlank() ? null : request.apiKey().trim();
    }

    /** Jackson leaves the location out for some failures (e.g. constraint violations). */
    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** A JSON object (one record) or array of objects (a batch). */
    static List<JsonNode> parseRecords(byte[] body) {
        if (body == null || body.length == 0) {
            throw PushApiException.of(400, "bad-request", null, "body-required",
                    "send one record as a JSON object or a batch as a JSON array of objects");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (StreamConstraintsException e) {
            // checked while reading, before a deep tree or a long number is built
            boolean depth = e.getMessage() != null && e.getMessage().contains("nesting depth");
            throw depth
                    ? PushApiException.of(400, "bad-request", null, "json-too-deep", "the JSON is nested deeper than "
                            + MAX_NESTING_DEPTH + " levels; records are flat objects (statements one level deeper)")
                    : PushApiException.of(400, "bad-request", null, "json-limits", "a JSON value exceeds the"
                            + " limits (numbers have at most " + MAX_NUMBER_LENGTH + " characters)");
        } catch (JsonProcessingException e) {
            throw PushApiException.of(400, "bad-request", null, "json-syntax", "the body is not valid JSON"
                    + where(e.getLocation()));
        } catch (IOException | RuntimeException e) {
            throw PushApiException.of(400, "bad-request", null, "json-syntax", "the body cannot be read as JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw PushApiException.of(400, "bad-request", null, "body-required", "the body is empty");
        }
        if (root.isObject()) {
            return List.of(root);
        }
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new PushApiException(422, "validation", "the batch is empty", List.of(new Violation(
                        Violation.WHOLE_REQUEST, null, "batch-not-empty", "send at least one record")), Map.of());
            }
            List<JsonNode> list = new ArrayList<>(root.size());
            root.forEach(list::add);
            return list;
        }
        throw PushApiException.of(400, "bad-request", null, "json-shape",
                "the body must be a JSON object (one record) or an array of objects (a batch)");
    }
}
