package nl.sobamo.catalog;

/** The indicator catalog cannot be used; the message says which entry and why. */
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
