package nl.sobamo.aggregate.query.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.sobamo.aggregate.query.Json;

/** How every answer of the query API is written: one content type, never cached (the tables change under it). */
final class Responses {

    static final String JSON = "application/json";
    static final String TEXT = "text/plain";
    static final String CSV = "text/csv; charset=utf-8";

    private Responses() {
    }

    static void json(RoutingContext ctx, int status, Object body) {
        text(ctx, status, JSON, Json.write(body));
    }

    static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, Map.of("error", message));
    }

    static void text(RoutingContext ctx, int status, String contentType, String body) {
        bytes(ctx, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void bytes(RoutingContext ctx, int status, String contentType, byte[] body) {
        HttpServerResponse response = ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        // a HEAD answer has the GET answer's status and headers, never its body
        if (HttpMethod.HEAD.equals(ctx.request().method())) {
            response.end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }
}
