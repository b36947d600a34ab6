package nl.sobamo.push;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.sobamo.ops.MeterSpec;
import nl.sobamo.ops.Meters;
import nl.sobamo.push.validation.Dataset;

/**
 * The push channel's meters. Tags are bounded: channel ({@code api}, {@code file}), dataset (the five, or
 * {@code unknown}), status (what the API answers), reason (a rule id of our own code, see {@link #reason}).
 * Municipality codes and key ids are never tags (342 municipalities times every other tag, and a key id is a
 * credential's name).
 *
 * <ul>
 *   <li>{@code sobamo.push.requests} (timer): every API request and dropped file, by channel, dataset and status;</li>
 *   <li>{@code sobamo.push.rejections} (counter): every refusal by channel and reason (the rule of its first violation, e.g.
 *       {@code credentials-invalid}, {@code personal-data-bsn}, {@code json-too-deep});</li>
 *   <li>{@code sobamo.push.files} (counter): dropped files by outcome ({@code published}, {@code rejected},
 *       {@code deleted-personal-data}) and reason ({@code ok} for published);</li>
 *   <li>{@code sobamo.push.server.rejections} (counter): requests the HTTP server refuses before a route sees them, by status
 *       (405, 413, 414, 431);</li>
 *   <li>{@code sobamo.ingest.records} with {@code source=push, outcome=published}, beside the ingest routes' counts.</li>
 * </ul>
 */
public final class PushMetrics {

    public static final MeterSpec REQUESTS = new MeterSpec("sobamo.push.requests",
            "Push API requests and dropped files by outcome");
    public static final MeterSpec REJECTIONS = new MeterSpec("sobamo.push.rejections",
            "Push API requests and dropped files refused, by reason");
    public static final MeterSpec FILES = new MeterSpec("sobamo.push.files", "Dropped files by outcome and reason");
    public static final MeterSpec SERVER_REJECTIONS = new MeterSpec("sobamo.push.server.rejections",
            "Requests refused by the HTTP server before routing, by status");
    /** The records counter the ingest routes count into too (same name and help), so one query sums every source. */
    public static final MeterSpec RECORDS = new MeterSpec("sobamo.ingest.records",
            "Source records by what ingest did with them", "records");

    /** Reasons are our rule ids; anything else (or more distinct values than this) is counted as {@code other}. */
    static final int MAX_REASONS = 100;
    private static final Pattern RULE = Pattern.compile("[a-z][a-z0-9-]{0,47}");
    private static final Set<String> FILE_OUTCOMES = Set.of("published", "rejected", "deleted-personal-data");

    private final Meters meters;
    private final Counter published;
    private final Set<String> reasons = ConcurrentHashMap.newKeySet();

    public PushMetrics(MeterRegistry registry) {
        this.meters = new Meters(registry);
        this.published = meters.counter(RECORDS, "source", PushRecords.SOURCE, "outcome", "published");
    }

    public void request(String channel, String dataset, int status, Duration took) {
        String ds = Dataset.byId(dataset).map(Dataset::id).orElse("unknown");
        meters.timer(REQUESTS, "channel", channel.toLowerCase(Locale.ROOT), "dataset", ds,
                "status", Integer.toString(status)).record(took);
    }

    /** A refused API request or dropped file; {@code rule} is the rule id of its (first) violation. */
    public void rejected(String channel, String rule) {
        String c = "api".equals(channel) ? "api" : "file";
        meters.counter(REJECTIONS, "channel", c, "reason", reason(rule)).increment();
    }

    /** What became of a dropped file. */
    public void file(String outcome, String rule) {
        String o = FILE_OUTCOMES.contains(outcome) ? outcome : "rejected";
        String reason = "published".equals(o) ? "ok" : reason(rule);
        meters.counter(FILES, "outcome", o, "reason", reason).increment();
    }

    /** A request the HTTP server answered itself (method not allowed, body, URI or headers too large). */
    public void serverRejected(int status) {
        String s = switch (status) {
            case 405, 413, 414, 431 -> Integer.toString(status);
            default -> "other";
        };
        meters.counter(SERVER_REJECTIONS, "status", s).increment();
    }

    public void published(int records) {
        published.increment(records);
    }

    public MeterRegistry registry() {
        return meters.registry();
    }

    /** A bounded tag value: a rule id of ours, else {@code other}; never more than {@value #MAX_REASONS} values. */
    String reason(String rule) {
        if (rule == null || !RULE.matcher(rule).matches()) {
            return "other";
        }
        if (reasons.contains(rule)) {
            return rule;
        }
        if (reasons.size() >= MAX_REASONS) {
            return "other";
        }
        reasons.add(rule);
        return rule;
    }
}
