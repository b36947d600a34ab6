package nl.sobamo.registry;

/** The subject's compatibility rule rejected the schema (HTTP 409). */
public class IncompatibleSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public IncompatibleSchemaException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
