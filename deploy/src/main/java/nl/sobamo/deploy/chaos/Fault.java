package nl.sobamo.deploy.chaos;

import java.util.List;

/** The fault one round injects. The reference run injects {@link #NONE} in every round. */
public enum Fault {
    NONE("no fault"),
    KILL_NORMALIZE("kill -9 normalize"),
    KILL_AGGREGATE("kill -9 aggregate"),
    KILL_PUSH("kill -9 push during a push load"),
    RESTART_BROKER("kill -9 + restart the broker"),
    REGISTRY_OUTAGE("registry stopped during pushes");

    /** The order rounds cycle through. */
    public static final List<Fault> CYCLE = List.of(KILL_NORMALIZE, KILL_AGGREGATE, KILL_PUSH, RESTART_BROKER, REGISTRY_OUTAGE);

    private final String label;

    Fault(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
