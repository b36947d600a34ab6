package nl.sobamo.ingest.pull.http;

import java.net.URI;

/** A fetch that failed for good: a non-retryable status, or retries exhausted. */
public final class FetchException extends RuntimeException {

    private final URI uri;
    private final int status;
    private final int attempts;

    /**
     * @param status the last HTTP status, or -1 when the last attempt got no response (timeout, connection error)
     */
    public FetchException(URI uri, int status, int attempts, String message, Throwable cause) {
        super(uri + ": " + message + " (after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ")", cause);
        this.uri = uri;
        this.status = status;
        this.attempts = attempts;
    }

    public URI uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }
}
