package nl.sobamo.ingest.pull.protocol;

/** A page that cannot be read as a whole (truncated or invalid JSON, not an OData collection, broken CSV). */
public final class MalformedPageException extends Exception {

    public MalformedPageException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedPageException(String message) {
        super(message);
    }
}
