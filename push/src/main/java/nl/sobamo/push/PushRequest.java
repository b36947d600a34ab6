package nl.sobamo.push;

/**
 * One HTTP request to the push API, as the route hands it to {@link PushService}.
 *
 * @param method         POST (create) or PUT (correction)
 * @param municipality   the {@code {municipality}} path segment, unchecked
 * @param dataset        the {@code {dataset}} path segment, unchecked
 * @param authorization  the {@code Authorization} header or null
 * @param apiKey         the {@code X-API-Key} header or null
 * @param idempotencyKey the {@code Idempotency-Key} header or null
 * @param body           the raw body (at most the configured limit: the HTTP server refuses larger ones)
 * @param clientAddress  the peer's IP address (the TLS proxy's in production, see docs/security.md), for limiting
 *                       failed authentications; never logged with a key
 */
public record PushRequest(String method, String municipality, String dataset, String authorization, String apiKey,
                          String idempotencyKey, byte[] body, String clientAddress) {

    public PushRequest(String method, String municipality, String dataset, String authorization, String apiKey,
                       String idempotencyKey, byte[] body) {
        this(method, municipality, dataset, authorization, apiKey, idempotencyKey, body, "unknown");
    }
}
