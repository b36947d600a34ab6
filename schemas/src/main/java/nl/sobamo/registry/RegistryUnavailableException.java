package nl.sobamo.registry;

/**
 * The registry could not be reached, timed out, or kept answering 5xx/429 until the retries ran out. Unlike the
 * other {@link SchemaRegistryException}s this one is transient: the same call may succeed later.
 */
public class RegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    private final int attempts;

    /**
     * @param lastHttpStatus status of the last answer, or {@link #UNKNOWN} when the last attempt got none
     * @param cause          the I/O failure of the last attempt, if it failed that way
     */
    public RegistryUnavailableException(String message, int attempts, int lastHttpStatus, Throwable cause) {
        super(message, lastHttpStatus, UNKNOWN, cause);
        this.attempts = attempts;
    }

    /** How many requests were sent before giving up. */
    public int attempts() {
        return attempts;
    }
}
