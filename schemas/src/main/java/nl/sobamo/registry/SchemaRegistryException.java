package nl.sobamo.registry;

/**
 * A schema registry refused or failed a request. Carries what the registry said so callers can tell a bad schema
 * from a bad credential without parsing messages.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Value of {@link #httpStatus()} and {@link #errorCode()} when the registry gave none. */
    public static final int UNKNOWN = -1;

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        this(message, httpStatus, errorCode, null);
    }

    /** HTTP status of the registry's answer, or {@link #UNKNOWN} when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The registry's own {@code error_code} (e.g. 40401 subject not found, 40403 schema not found, 409
     * incompatible, 42201 invalid schema), or {@link #UNKNOWN} when the body carried none.
     */
    public int errorCode() {
        return errorCode;
    }
}
