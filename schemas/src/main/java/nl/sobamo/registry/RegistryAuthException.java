package nl.sobamo.registry;

/** The registry rejected the credentials (HTTP 401) or the caller's rights (HTTP 403). Retrying cannot help. */
public class RegistryAuthException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public RegistryAuthException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
