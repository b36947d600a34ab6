package nl.sobamo.registry;

/**
 * Schema evolution rule a registry enforces per subject, spelled exactly as the Confluent REST API spells it.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    /** A consumer on the new schema can read data written with the previous one. */
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    /** A consumer still on the previous schema can read data written with the new one. */
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    boolean backward() {
        return backward;
    }

    boolean forward() {
        return forward;
    }

    /** Whether a new version is checked against every earlier version rather than only the latest. */
    boolean transitive() {
        return transitive;
    }

    /**
     * Parses the registry's spelling, tolerating case and surrounding blanks because hand-written configuration
     * is where these strings usually come from.
     */
    public static CompatibilityLevel parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Compatibility level is missing");
        }
        try {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown compatibility level '" + value + "', expected one of "
                    + java.util.Arrays.toString(values()), e);
        }
    }
}
