package nl.sobamo.deploy.platform;

/**
 * A component of the embedded platform could not be started. The message is meant for the person
 * running the platform: it says what failed and, where known, what to do about it.
 */
public class PlatformStartException extends RuntimeException {

    public PlatformStartException(String message) {
        super(message);
    }

    public PlatformStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
