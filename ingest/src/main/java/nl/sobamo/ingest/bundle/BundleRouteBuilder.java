package nl.sobamo.ingest.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import nl.sobamo.camel.KafkaEndpoints;
import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.IngestReport;
import nl.sobamo.ingest.metrics.IngestMetrics.Outcome;
import nl.sobamo.ingest.metrics.IngestMetrics;
import nl.sobamo.ingest.records.DeadLetters;
import nl.sobamo.ingest.records.ParseResult;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.topics.Source;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.ResourceHelper;

/**
 * The shape every bundle route shares: load and parse a document, publish its records to the source's raw topic
 * and its dead letters to the ingest DLQ, then answer with an {@link IngestReport}. A subclass only says how to
 * parse ({@link #parse(Exchange, String, Instant)}); which file to read, its {@code fetchedAt} and the publish step
 * exist once, here.
 *
 * <p>The route answers only after Kafka acknowledged every record: the splitter waits for each sub-exchange's
 * completion, and the Kafka producer completes a sub-exchange in the send callback, i.e. on the broker's ack
 * ({@code acks=all}). Records are split in parallel so the producer can batch them; dead letters are few and go
 * one by one. Any failed send fails the whole exchange, so a caller never receives a report for a partial run.
 *
 * <p>Input body: empty, or a resource URI ({@code classpath:...}, {@code file:...}) that replaces the configured one.
 */
public abstract class BundleRouteBuilder extends RouteBuilder {

    /** Exchange property: {@link System#nanoTime()} when the run started. */
    static final String STARTED_NANOS = "SobamoIngestStartedNanos";

    private final String routeId;
    private final String fromUri;
    private final String source;
    private final String topicProperty;
    private final BundledFile file;
    private final IngestMetrics metrics;
    protected final Clock clock;

    /**
     * @param source the bundled source: it names the route ({@link #routeId}), its input ({@link #endpoint}), the
     *               metrics' source tag and the raw topic
     * @param file   the file read when the body names none
     * @param clock  gives the dead letters' {@code failedAt} and the read time of an unbundled file
     */
    protected BundleRouteBuilder(Source source, BundledFile file, IngestMetrics metrics, Clock clock) {
        this.routeId = routeId(source);
        this.fromUri = endpoint(source);
        this.source = source.id();
        this.topicProperty = IngestConfig.topicProperty(source);
        this.file = Objects.requireNonNull(file, "file");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The id of a source's bundle route, e.g. {@code iv3-bundle}; its steps are {@code <id>-parse}, ... */
    static String routeId(Source source) {
        return source.id() + "-bundle";
    }

    /** The input of a source's bundle route, e.g. {@code direct:ingest-iv3-bundle}. */
    static String endpoint(Source source) {
        return "direct:ingest-" + source.id() + "-bundle";
    }

    /**
     * Loads and parses the document.
     *
     * @param uri       the resource to read: the one given in the body, else the configured one
     * @param fetchedAt the {@code fetchedAt} of its records
     */
    protected abstract ParseResult parse(Exchange exchange, String uri, Instant fetchedAt) throws Exception;

    @Override
    public void configure() {
        from(fromUri).routeId(routeId)
                .process(this::parseBody).id(routeId + "-parse")
                .split(simple("${body.records()}")).parallelProcessing().stopOnException()
                    .process(e -> e.getMessage().setHeader(KafkaConstants.KEY,
                            e.getMessage().getMandatoryBody(RawRecord.class).getRecordId()))
                    .to(KafkaEndpoints.avroProducer(topicProperty)).id(routeId + "-to-raw-topic")
                    .process(e -> metrics.increment(source, Outcome.PUBLISHED, 1))
                .end()
                .split(simple("${body.deadLetters()}")).stopOnException()
                    .process(e -> e.getMessage().setHeader(KafkaConstants.KEY,
                            DeadLetters.keyOf(e.getMessage().getMandatoryBody(DeadLetter.class))))
                    .to(KafkaEndpoints.avroProducer(IngestConfig.TOPIC_DLQ_INGEST)).id(routeId + "-to-dlq")
                    .process(e -> metrics.increment(source, Outcome.DEAD_LETTERED, 1))
                .end()
                .process(this::report).id(routeId + "-report")
                .log(LoggingLevel.INFO, "${body.summary()}");
    }

    private void parseBody(Exchange exchange) throws Exception {
        exchange.setProperty(STARTED_NANOS, System.nanoTime());
        // only a String counts as an override: any other body (e.g. the report of a previous step) is ignored
        Object body = exchange.getMessage().getBody();
        String uri = body instanceof String s && !s.isBlank() ? s.trim() : property(exchange, file.resourceKey());
        Instant fetchedAt = file.fetchedAt(optionalProperty(exchange, file.fetchedAtKey())).of(uri, clock);
        exchange.getMessage().setBody(parse(exchange, uri, fetchedAt));
    }

    /** Runs after both splits succeeded, so every record and dead letter is acknowledged. */
    private void report(Exchange exchange) {
        ParseResult result = exchange.getMessage().getBody(ParseResult.class);
        metrics.increment(source, Outcome.SKIPPED, result.skippedTotal());
        long started = exchange.getProperty(STARTED_NANOS, Long.class);
        exchange.getMessage().setBody(new IngestReport(result.source(), result.dataset(), result.records().size(),
                result.deadLetters().size(), result.skipped(), Duration.ofNanos(System.nanoTime() - started)));
    }

    /** A Camel property the route needs; missing means the app was wired without {@link IngestConfig}. */
    protected static String property(Exchange exchange, String key) {
        return exchange.getContext().getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Camel property '" + key + "' is not set"));
    }

    /** A Camel property that may be unset: its value, or null. */
    protected static String optionalProperty(Exchange exchange, String key) {
        return exchange.getContext().getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    /** Reads a {@code classpath:}, {@code file:} or {@code http(s):} resource through Camel's resource loading. */
    protected static byte[] read(Exchange exchange, String uri) throws IOException {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(exchange.getContext(), uri)) {
            return in.readAllBytes();
        }
    }
}
