package nl.sobamo.normalize.mapping;

/** A raw record cannot be normalised; carries the reason code and the offending field for the dead letter. */
public final class MappingFailure extends Exception {

    private final ReasonCode reason;
    private final String field;

    public MappingFailure(ReasonCode reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public ReasonCode reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
