package nl.sobamo.push.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.sobamo.push.validation.Violation;

/**
 * A request the push API refuses, with the HTTP status and the JSON error body (see {@link #toJson}). Every error
 * names the field and the rule in {@code violations}, also for 401/403/404/413/429/503.
 */
public class PushApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final List<Violation> violations;
    private final Map<String, String> headers;

    public PushApiException(int status, String error, String message, List<Violation> violations,
                            Map<String, String> headers) {
        super(message);
        this.status = status;
        this.error = error;
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    /** An error about the request as a whole, with one violation naming {@code field} and {@code rule}. */
    public static PushApiException of(int status, String error, String field, String rule, String message) {
        return new PushApiException(status, error, message,
                List.of(new Violation(Violation.WHOLE_REQUEST, field, rule, message)), Map.of());
    }

    public PushApiException withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new PushApiException(status, error, getMessage(), violations, h);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Extra response headers, e.g. {@code Retry-After} or {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * {@code {"status":422,"error":"validation","message":"...","violations":[{"record":0,"field":"visits",
     * "rule":"not-negative","message":"..."}]}}; {@code record} is omitted for the request as a whole.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", error);
        body.put("message", getMessage());
        body.put("violations", violations.stream().map(PushApiException::violation).toList());
        return body;
    }

    static Map<String, Object> violation(Violation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (v.record() != Violation.WHOLE_REQUEST) {
            m.put("record", v.record());
        }
        m.put("field", v.field());
        m.put("rule", v.rule());
        m.put("message", v.message());
        return m;
    }
}
