package nl.sobamo.ingest.pull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import nl.sobamo.camel.KafkaEndpoints;
import nl.sobamo.ingest.IngestConfig;
import nl.sobamo.ingest.records.DeadLetters;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.RawRecord;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/**
 * The pull route of one open-data source, {@code direct:pull-<source>} (route {@code <source>-pull}); the body names
 * the table. Per page: fetch and map ({@code -fetch-page}), publish the records to the source's raw topic as one
 * batch ({@code -batch}, {@code -to-raw-topic}) and the dead letters to the ingest DLQ ({@code -to-dlq}), then write the checkpoint
 * ({@code -checkpoint}): the checkpoint follows the Kafka acknowledgements, never precedes them. The route answers
 * with the {@link nl.sobamo.ingest.IngestReport} of the pull.
 */
public final class PullRouteBuilder extends RouteBuilder {

    /** Exchange property holding the {@link TablePull}. */
    public static final String PULL = "SobamoTablePull";

    private final SourceDefinition definition;
    private final PullServices services;

    public PullRouteBuilder(SourceDefinition definition, PullServices services) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    public void configure() {
        String id = definition.routeId();
        from(definition.endpoint()).routeId(id)
                .process(this::start).id(id + "-start")
                .loopDoWhile(e -> pull(e).hasWork())
                    .process(e -> e.getMessage().setBody(pull(e).step())).id(id + "-fetch-page")
                    .filter(e -> !e.getMessage().getBody(PageBatch.class).records().isEmpty())
                        // one send per page: a list of messages, each with its own key, is one batch for the
                        // Kafka producer; the exchange completes when every record of the page is acknowledged
                        .process(this::toMessages).id(id + "-batch")
                        .to(KafkaEndpoints.avroProducer(definition.topicProperty())).id(id + "-to-raw-topic")
                        .process(e -> e.getMessage().setBody(e.getProperty(BATCH)))
                    .end()
                    // a typed function, not simple("${body.deadLetters()}"): the bean language caches per body and
                    // so hashed the whole page (every record's fields) on each step: a fifth of the route thread
                    .split().body(PageBatch.class, PageBatch::deadLetters).stopOnException()
                        .process(e -> e.getMessage().setHeader(KafkaConstants.KEY,
                                DeadLetters.keyOf(e.getMessage().getMandatoryBody(DeadLetter.class))))
                        .to(KafkaEndpoints.avroProducer(IngestConfig.TOPIC_DLQ_INGEST)).id(id + "-to-dlq")
                    .end()
                    .process(e -> pull(e).commit(e.getMessage().getMandatoryBody(PageBatch.class))).id(id + "-checkpoint")
                .end()
                .process(e -> e.getMessage().setBody(pull(e).report())).id(id + "-report")
                .log(LoggingLevel.INFO, "${body.summary()}");
    }

    /** Exchange property holding the page's batch while its records are being sent. */
    static final String BATCH = "SobamoPageBatch";

    /** The batch's records as Camel messages keyed by record id, the body the Kafka producer sends as a batch. */
    private void toMessages(Exchange exchange) throws InvalidPayloadException {
        PageBatch batch = exchange.getMessage().getMandatoryBody(PageBatch.class);
        exchange.setProperty(BATCH, batch);
        List<Message> messages = new ArrayList<>(batch.records().size());
        for (RawRecord r : batch.records()) {
            Message m = new DefaultMessage(exchange.getContext());
            m.setHeader(KafkaConstants.KEY, r.getRecordId());
            m.setBody(r);
            messages.add(m);
        }
        exchange.getMessage().setBody(messages);
    }

    private void start(Exchange exchange) {
        String table = exchange.getMessage().getBody(String.class);
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException(definition.routeId() + ": the body must name the table to pull");
        }
        TablePull pull = services.newPull(definition, table.trim());
        exchange.setProperty(PULL, pull);
        pull.start();
    }

    private static TablePull pull(Exchange exchange) {
        return exchange.getProperty(PULL, TablePull.class);
    }
}
