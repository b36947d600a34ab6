package nl.sobamo.ingest.pull.http;

import java.io.Serializable;
import java.net.URI;

/** A fetch that failed for good: a non-retryable status, or retries exhausted. */
public final class FetchException extends RuntimeException {

    /**
     * What failed, as data (an exception cannot be a record).
     *
     * @param status the last HTTP status, or -1 when the last attempt got no response (timeout, connection error)
     */
    public record Failure(URI uri, int status, int attempts) implements Serializable {
    }

    private final Failure failure;

    public FetchException(URI uri, int status, int attempts, String message, Throwable cause) {
        super(uri + ": " + message + " (after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ")", cause);
        this.failure = new Failure(uri, status, attempts);
    }

    public Failure failure() {
        return failure;
    }
}
