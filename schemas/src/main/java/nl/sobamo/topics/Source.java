package nl.sobamo.topics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every source the pipeline reads, in one registry: its id (the {@code source} of every record and the metrics'
 * tag), the raw topic it is published to, its licence and its authority when two sources give the same indicator
 * for the same municipality and period. {@link Topics#RAW_TOPICS}, the topic provisioning of the local runner and
 * the manifests (checked by ManifestsTest), the open-data pulls and the source priority of the tables all derive
 * from this list, so adding a source is one constant here plus its pull definition and catalog mapping.
 */
public enum Source {

    CBS_KWB("cbs-kwb", Topics.RAW_CBS_KWB, "CC BY 4.0 (CBS)", 0),
    IV3("iv3", Topics.RAW_IV3, "CC BY 4.0 (CBS)", 3),
    PUSH("push", Topics.RAW_PUSH, "Municipal data pushed by the municipality itself", 5),
    CBS_GEBIEDEN("cbs-gebieden", Topics.RAW_CBS_GEBIEDEN, "CC BY 4.0 (CBS)", 1),
    RIVM("rivm", Topics.RAW_RIVM, "CC BY 4.0 (RIVM/CBS)", 2),
    LEEFBAAROMETER("leefbaarometer", Topics.RAW_LEEFBAAROMETER, "Leefbaarometer 3.0 open data (Ministerie van BZK)", 4);

    private final String id;
    private final String rawTopic;
    private final String licence;
    private final int authority;

    Source(String id, String rawTopic, String licence, int authority) {
        this.id = id;
        this.rawTopic = rawTopic;
        this.licence = licence;
        this.authority = authority;
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

    /** 0 = most authoritative: the table keeps this source's value when several give the same indicator. */
    public int authority() {
        return authority;
    }

    public static Optional<Source> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** Source ids from most to least authoritative. */
    public static List<String> idsByAuthority() {
        return Arrays.stream(values()).sorted(java.util.Comparator.comparingInt(Source::authority)).map(Source::id)
                .toList();
    }
}
