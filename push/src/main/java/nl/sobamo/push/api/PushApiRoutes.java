package nl.sobamo.push.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.sobamo.camel.KafkaEndpoints;
import nl.sobamo.push.PushApiConfig;
import nl.sobamo.push.PushMetrics;
import nl.sobamo.push.PushRequest;
import nl.sobamo.push.PushService;
import nl.sobamo.push.Receipt;
import nl.sobamo.schemas.RawRecord;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.model.rest.RestBindingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push API over HTTP (REST DSL on camel-platform-http, served by the embedded Vert.x server):
 *
 * <ul>
 *   <li>{@code POST /api/v1/municipalities/{municipality}/{dataset}} (route {@value #ROUTE_POST}) and {@code PUT}
 *       for corrections ({@value #ROUTE_PUT}) go to {@value #SUBMIT} ({@value #ROUTE_SUBMIT});</li>
 *   <li>{@code GET /api/v1/openapi.json} ({@value #ROUTE_OPENAPI}), {@code GET /health} ({@value #ROUTE_HEALTH}).</li>
 * </ul>
 *
 * <p>Submit: {@link PushService#prepare} decides (any refusal is a {@link PushApiException} turned into its JSON
 * error), the records are published in parallel to {@code sobamo.raw.push.v1} with {@code acks=all} and the
 * idempotent producer, and only when every send was acknowledged the route answers 202 with the receipt. A failed
 * or timed-out send (bounded by {@code delivery.timeout.ms} and {@code max.block.ms}) answers 503.
 */
public final class PushApiRoutes extends RouteBuilder {

    public static final String SUBMIT = "direct:push-submit";
    public static final String ROUTE_POST = "push-api-post";
    public static final String ROUTE_PUT = "push-api-put";
    public static final String ROUTE_SUBMIT = "push-submit";
    public static final String ROUTE_OPENAPI = "push-api-openapi";
    public static final String ROUTE_HEALTH = "push-api-health";

    /** The Kafka producer of the push routes: the shared durable endpoint plus bounded waiting. */
    public static final String PRODUCER = KafkaEndpoints.avroProducer(PushApiConfig.TOPIC_RAW_PUSH)
            + "&deliveryTimeoutMs={{" + PushApiConfig.DELIVERY_TIMEOUT_MILLIS + "}}"
            + "&requestTimeoutMs={{" + PushApiConfig.REQUEST_TIMEOUT_MILLIS + "}}"
            + "&maxBlockMs={{" + PushApiConfig.MAX_BLOCK_MILLIS + "}}";

    static final String PREPARED = "SobamoPushPrepared";
    static final String STARTED = "SobamoPushStartedNanos";
    private static final Logger LOG = LoggerFactory.getLogger(PushApiRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushService service;
    private final PushMetrics metrics;
    private final String openApi;

    public PushApiRoutes(PushService service, PushMetrics metrics, PushApiConfig config) {
        this.service = Objects.requireNonNull(service, "service");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        try {
            this.openApi = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(OpenApiDocument.build(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void configure() {
        // not inlined: POST and PUT share the submit route (Camel refuses one direct endpoint inlined twice)
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off).inlineRoutes(false)
                .host("{{" + PushApiConfig.HOST + "}}").port("{{" + PushApiConfig.PORT + "}}");

        onException(PushApiException.class).handled(true).process(this::refused);
        onException(Exception.class).handled(true).process(this::unexpected);

        rest("/api/v1/municipalities")
                .post("/{municipality}/{dataset}").routeId(ROUTE_POST).to(SUBMIT)
                .put("/{municipality}/{dataset}").routeId(ROUTE_PUT).to(SUBMIT);
        rest("/api/v1")
                .get("/openapi.json").routeId(ROUTE_OPENAPI).produces("application/json").to("direct:push-openapi");
        rest("/health")
                .get().routeId(ROUTE_HEALTH).produces("application/json").to("direct:push-health");

        from(SUBMIT).routeId(ROUTE_SUBMIT)
                .process(this::prepare).id("push-prepare")
                .filter(exchangeProperty(PREPARED).isNotNull())
                    .doTry()
                        .split(body()).parallelProcessing().stopOnException()
                            .process(e -> e.getMessage().setHeader(KafkaConstants.KEY,
                                    e.getMessage().getMandatoryBody(RawRecord.class).getRecordId()))
                            .to(PRODUCER).id("push-to-raw-topic")
                        .end()
                        .process(this::accepted).id("push-receipt")
                    .endDoTry()
                    .doCatch(Exception.class)
                        .process(this::unavailable).id("push-kafka-unavailable")
                    .end()
                .end();

        from("direct:push-openapi").routeId("push-openapi-document")
                .process(e -> respond(e, 200, openApi, Map.of()));
        from("direct:push-health").routeId("push-health-check")
                .process(e -> respond(e, 200, "{\"status\":\"UP\"}", Map.of()));
    }

    private void prepare(Exchange exchange) {
        exchange.setProperty(STARTED, System.nanoTime());
        Message in = exchange.getMessage();
        PushRequest request = new PushRequest(
                in.getHeader(Exchange.HTTP_METHOD, "POST", String.class),
                in.getHeader("municipality", String.class),
                in.getHeader("dataset", String.class),
                in.getHeader("Authorization", String.class),
                in.getHeader("X-API-Key", String.class),
                in.getHeader("Idempotency-Key", String.class),
                in.getBody(byte[].class),
                clientAddress(in));
        PushService.Prepared prepared = service.prepare(request);
        if (prepared instanceof PushService.Replay replay) {
            respond(exchange, 202, json(replay.receipt()), Map.of("Idempotent-Replayed", "true"));
            record(exchange, 202);
            return;
        }
        PushService.Publish publish = (PushService.Publish) prepared;
        exchange.setProperty(PREPARED, publish);
        in.setBody(publish.records());
    }

    private static String clientAddress(Message in) {
        Object address = in.getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS);
        if (address instanceof SocketAddress socket) {
            return socket.hostAddress();
        }
        return address == null ? "unknown" : address.toString();
    }

    private void accepted(Exchange exchange) {
        PushService.Publish publish = exchange.getProperty(PREPARED, PushService.Publish.class);
        Receipt receipt = service.complete(publish);
        metrics.published(receipt.count());
        respond(exchange, 202, json(receipt), Map.of());
        record(exchange, 202);
    }

    private void unavailable(Exchange exchange) {
        PushService.Publish publish = exchange.getProperty(PREPARED, PushService.Publish.class);
        service.abort(publish);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("Push of {} records for {} not acknowledged by Kafka: {}", publish.records().size(),
                publish.municipality(), cause == null ? "unknown" : cause.toString());
        PushApiException e = PushApiException.of(503, "service-unavailable", null, "kafka-acknowledgement",
                "the records could not be stored durably right now (Kafka did not acknowledge them); nothing was"
                        + " accepted: retry later with the same Idempotency-Key").withHeader("Retry-After", "30");
        respond(exchange, e.status(), json(e.toJson()), e.headers());
        record(exchange, 503);
        metrics.rejected("api", "kafka-acknowledgement");
    }

    private void refused(Exchange exchange) {
        PushApiException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, PushApiException.class);
        respond(exchange, e.status(), json(e.toJson()), e.headers());
        record(exchange, e.status());
        metrics.rejected("api", e.violations().isEmpty() ? null : e.violations().get(0).rule());
    }

    private void unexpected(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Push API request failed unexpectedly", cause);
        PushApiException e = PushApiException.of(500, "internal-error", null, "internal",
                "the request failed on our side; nothing was accepted");
        respond(exchange, 500, json(e.toJson()), Map.of());
        record(exchange, 500);
        metrics.rejected("api", "internal");
    }

    private void record(Exchange exchange, int status) {
        Long started = exchange.getProperty(STARTED, Long.class);
        String dataset = exchange.getProperty("SobamoPushDataset", String.class);
        if (dataset == null) {
            dataset = exchange.getMessage().getHeader("dataset", String.class);
        }
        metrics.request("api", dataset, status, Duration.ofNanos(started == null ? 0 : System.nanoTime() - started));
    }

    /** Replaces the message: status, JSON body and only our headers (never echo request headers such as the key). */
    private static void respond(Exchange exchange, int status, String body, Map<String, String> headers) {
        Message m = exchange.getMessage();
        String dataset = m.getHeader("dataset", String.class);
        if (dataset != null) {
            exchange.setProperty("SobamoPushDataset", dataset);
        }
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setHeader("Cache-Control", "no-store");
        headers.forEach(m::setHeader);
        m.setBody(body);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
