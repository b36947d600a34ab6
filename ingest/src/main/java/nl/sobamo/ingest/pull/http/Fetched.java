package nl.sobamo.ingest.pull.http;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import nl.sobamo.hash.ContentHash;

/**
 * A successful HTTP response, read completely.
 *
 * @param uri          the URI requested
 * @param status       200, or 304 for a conditional request whose resource did not change (then {@code body} is empty)
 * @param body         the response body
 * @param etag         the ETag header, or null
 * @param lastModified the Last-Modified header, or null
 * @param attempts     attempts it took (1 = no retry)
 * @param elapsed      wall time over all attempts, back-off included
 */
public record Fetched(URI uri, int status, byte[] body, String etag, String lastModified, int attempts, Duration elapsed) {

    public Fetched {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
    }

    public boolean notModified() {
        return status == 304;
    }

    public String sha256() {
        return ContentHash.sha256Hex(body);
    }
}
