package nl.sobamo.push;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import nl.sobamo.push.validation.Dataset;

/**
 * The push channel's meters. Tags are bounded: channel ({@code api}, {@code file}), dataset (the five, or
 * {@code unknown}), status (what the API answers), reason (a rule id of our own code, see {@link #reason}).
 * Municipality codes and key ids are never tags (342 municipalities times every other tag, and a key id is a
 * credential's name).
 *
 * <ul>
 *   <li>{@value #REQUESTS} (timer): every API request and dropped file, by channel, dataset and status;</li>
 *   <li>{@value #REJECTIONS} (counter): every refusal by channel and reason (the rule of its first violation, e.g.
 *       {@code credentials-invalid}, {@code personal-data-bsn}, {@code json-too-deep});</li>
 *   <li>{@value #FILES} (counter): dropped files by outcome ({@code published}, {@code rejected},
 *       {@code deleted-personal-data}) and reason ({@code ok} for published);</li>
 *   <li>{@value #SERVER_REJECTIONS} (counter): requests the HTTP server refuses before a route sees them, by status
 *       (405, 413, 414, 431);</li>
 *   <li>{@value #RECORDS} with {@code source=push, outcome=published}, beside the ingest routes' counts.</li>
 * </ul>
 */
public final class PushMetrics {

    public static final String REQUESTS = "sobamo.push.requests";
    public static final String REJECTIONS = "sobamo.push.rejections";
    public static final String FILES = "sobamo.push.files";
    public static final String SERVER_REJECTIONS = "sobamo.push.server.rejections";
    /** The records counter the ingest routes count into too, so one query sums every source. */
    public static final String RECORDS = "sobamo.ingest.records";

    /** Reasons are our rule ids; anything else (or more distinct values than this) is counted as {@code other}. */
    static final int MAX_REASONS = 100;
    private static final Pattern RULE = Pattern.compile("[a-z][a-z0-9-]{0,47}");
    private static final Set<String> FILE_OUTCOMES = Set.of("published", "rejected", "deleted-personal-data");

    private final MeterRegistry registry;
    private final Counter published;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Set<String> reasons = ConcurrentHashMap.newKeySet();

    public PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.published = Counter.builder(RECORDS)
                .description("Source records by what ingest did with them")
                .baseUnit("records")
                .tag("source", PushRecords.SOURCE)
                .tag("outcome", "published")
                .register(registry);
    }

    public void request(String channel, String dataset, int status, Duration took) {
        String ds = Dataset.byId(dataset).map(Dataset::id).orElse("unknown");
        timers.computeIfAbsent(channel + ds + status, k -> Timer.builder(REQUESTS)
                .description("Push API requests and dropped files by outcome")
                .tag("channel", channel.toLowerCase(Locale.ROOT))
                .tag("dataset", ds)
                .tag("status", Integer.toString(status))
                .register(registry)).record(took);
    }

    /** A refused API request or dropped file; {@code rule} is the rule id of its (first) violation. */
    public void rejected(String channel, String rule) {
        String reason = reason(rule);
        String c = "api".equals(channel) ? "api" : "file";
        counters.computeIfAbsent(REJECTIONS + c + reason, k -> Counter.builder(REJECTIONS)
                .description("Push API requests and dropped files refused, by reason")
                .tag("channel", c)
                .tag("reason", reason)
                .register(registry)).increment();
    }

    /** What became of a dropped file. */
    public void file(String outcome, String rule) {
        String o = FILE_OUTCOMES.contains(outcome) ? outcome : "rejected";
        String reason = "published".equals(o) ? "ok" : reason(rule);
        counters.computeIfAbsent(FILES + o + reason, k -> Counter.builder(FILES)
                .description("Dropped files by outcome and reason")
                .tag("outcome", o)
                .tag("reason", reason)
                .register(registry)).increment();
    }

    /** A request the HTTP server answered itself (method not allowed, body, URI or headers too large). */
    public void serverRejected(int status) {
        String s = switch (status) {
            case 405, 413, 414, 431 -> Integer.toString(status);
            default -> "other";
        };
        counters.computeIfAbsent(SERVER_REJECTIONS + s, k -> Counter.builder(SERVER_REJECTIONS)
                .description("Requests refused by the HTTP server before routing, by status")
                .tag("status", s)
                .register(registry)).increment();
    }

    public void published(int records) {
        published.increment(records);
    }

    public MeterRegistry registry() {
        return registry;
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
