package nl.sobamo.push.filedrop;

import java.io.IOException;

/** A file that cannot be read as a table at all, with the rule id the report names. */
public final class TableFormatException extends IOException {

    private final String rule;

    public TableFormatException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
