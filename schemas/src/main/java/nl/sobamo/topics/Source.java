package nl.sobamo.topics;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every source the pipeline reads, in one registry: its id (the {@code source} of every record and the metrics'
 * tag), the raw topic it is published to and its licence. {@link Topics#RAW_TOPICS}, the topic provisioning of the
 * local runner and the manifests (checked by ManifestsTest) and the open-data pulls derive from this list, and the
 * indicator catalog may only map and rank (its {@code sourcePriority}) sources named here; so adding a source is
 * one constant here plus its pull definition and catalog mapping.
 */
public enum Source {

    CBS_KWB("cbs-kwb", Topics.RAW_CBS_KWB, "CC BY 4.0 (CBS)"),
    IV3("iv3", Topics.RAW_IV3, "CC BY 4.0 (CBS)"),
    PUSH("push", Topics.RAW_PUSH, "Municipal data pushed by the municipality itself"),
    CBS_GEBIEDEN("cbs-gebieden", Topics.RAW_CBS_GEBIEDEN, "CC BY 4.0 (CBS)"),
    RIVM("rivm", Topics.RAW_RIVM, "CC BY 4.0 (RIVM/CBS)"),
    LEEFBAAROMETER("leefbaarometer", Topics.RAW_LEEFBAAROMETER, "Leefbaarometer 3.0 open data (Ministerie van BZK)");

    private final String id;
    private final String rawTopic;
    private final String licence;

    Source(String id, String rawTopic, String licence) {
        this.id = id;
        this.rawTopic = rawTopic;
        this.licence = licence;
    }

    /** e.g. {@code cbs-kwb}. */
    public String id() {
        return id;
    }

    public String rawTopic() {
        return rawTopic;
    }

    public String licence() {
        return licence;
    }

    public static Optional<Source> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
