package nl.sobamo.aggregate.query.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.sobamo.aggregate.export.ExportTable;
import nl.sobamo.aggregate.export.TableCsv;
import nl.sobamo.aggregate.query.QueryService;
import nl.sobamo.aggregate.query.StreamsRouting;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of the query API (listed in docs/query-api.md): JSON by default, CSV with {@code format=csv}, an
 * {@code Accept: text/csv} header or a {@code .csv} suffix; the static profile page under {@code /web/}.
 */
final class QueryRoutes {

    static final String API = "/api/v1";
    private static final Logger LOG = LoggerFactory.getLogger(QueryRoutes.class);
    private static final Pattern PARAM = Pattern.compile(":(\\w+)");
    private static final Pattern STATIC_FILE = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final Supplier<QueryService> service;
    private final Supplier<String> health;

    /** Suppliers because the server binds (for {@code application.server}) before the Streams app can answer. */
    QueryRoutes(Supplier<QueryService> service, Supplier<String> health) {
        this.service = service;
        this.health = health;
    }

    /** An endpoint's answer: a JSON value, or for CSV a list of flat rows. */
    @FunctionalInterface
    private interface Endpoint {
        Object answer(ApiRequest request);
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(this::getOrHeadOnly);
        router.route("/").handler(ctx -> {
            ctx.response().putHeader(HttpHeaders.LOCATION, "/web/profile.html");
            Responses.text(ctx, 302, Responses.TEXT, "");
        });
        router.route("/health").handler(ctx -> {
            String state = health.get();
            Responses.json(ctx, "RUNNING".equals(state) ? 200 : 503, Map.of("status", state));
        });
        router.route("/web/*").blockingHandler(this::staticFile, false);

        api(router, "/municipalities/:municipality/profile",
                r -> r.service().profile(r.param("municipality"), r.query("period")));
        api(router, "/municipalities/:municipality/rows", r -> {
            Map<String, Object> all = r.service().municipalityRows(r.param("municipality"), r.localOnly());
            return r.csv() ? all.get("rows") : all;
        });
        api(router, "/municipalities/:municipality/changes",
                r -> r.service().municipalityRows(r.param("municipality"), r.localOnly()).get("changes"));
        api(router, "/indicators/:indicator/periods/:period",
                r -> r.service().indicator(r.param("indicator"), r.param("period"), r.localOnly()));
        api(router, "/indicators/:indicator/periods/:period/municipalities/:municipality",
                r -> r.service().position(r.param("indicator"), r.param("period"), r.param("municipality"), r.localOnly()));
        api(router, "/benchmarks/:indicator/periods/:period",
                r -> r.service().benchmarks(r.param("indicator"), r.param("period"), r.localOnly()));
        api(router, "/export/:table", r -> {
            Object body = r.service().table(r.param("table"), r.localOnly());
            if (r.csv()) {
                r.ctx().response().putHeader("Content-Disposition", "attachment; filename=\"" + r.param("table") + ".csv\"");
            }
            return body;
        });
        api(router, "/freshness", r -> r.service().table("freshness", r.localOnly()));
        router.route(API + "/*").handler(this::noSuchEndpoint);
        router.route().handler(ctx -> Responses.error(ctx, 404, "no such path: " + ctx.request().path()));
        router.route().failureHandler(ctx -> {
            LOG.warn("query failed: {}", ctx.request().uri(), ctx.failure());
            if (!ctx.response().ended()) {
                Responses.error(ctx, 500, String.valueOf(ctx.failure() == null ? null : ctx.failure().getMessage()));
            }
        });
        return router;
    }

    private void getOrHeadOnly(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            Responses.error(ctx, 405, "only GET");
        } else if (service.get() == null) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            Responses.error(ctx, 503, "starting");
        } else {
            ctx.next();
        }
    }

    /**
     * A route for {@code API + template}: {@code :name} segments become path parameters, and the last segment may
     * carry a {@code .csv} or {@code .json} suffix choosing the format.
     */
    private void api(Router router, String template, Endpoint endpoint) {
        String regex = PARAM.matcher(Pattern.quote(API + template)).replaceAll(m -> "\\\\E(?<" + m.group(1) + ">[^/]+?)\\\\Q")
                + "(?:\\.(?<suffix>csv|json))?";
        router.routeWithRegex(regex).blockingHandler(ctx -> answer(ctx, endpoint), false);
    }

    private void answer(RoutingContext ctx, Endpoint endpoint) {
        ApiRequest request = new ApiRequest(ctx, service.get());
        try {
            request.checkSegments();
            Object body = endpoint.answer(request);
            if (!request.csv()) {
                Responses.json(ctx, 200, body);
            } else if (body instanceof List<?>) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rows = (List<Map<String, Object>>) body;
                Optional<ExportTable> table = Optional.ofNullable(ctx.pathParam("table")).flatMap(ExportTable::byId);
                Responses.text(ctx, 200, Responses.CSV,
                        table.map(t -> TableCsv.write(t, rows)).orElseGet(() -> TableCsv.write(rows)));
            } else {
                Responses.error(ctx, 406, "this resource has no CSV form");
            }
        } catch (QueryService.NotFoundException e) {
            Responses.error(ctx, 404, e.getMessage());
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, e.getMessage());
        } catch (StreamsRouting.UnavailableException | InvalidStateStoreException e) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            Responses.error(ctx, 503, String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("query {} failed", ctx.request().path(), e);
            Responses.error(ctx, 500, String.valueOf(e.getMessage()));
        }
    }

    /** Not one of the endpoints: a bad segment is still a bad request, anything else is unknown. */
    private void noSuchEndpoint(RoutingContext ctx) {
        String rest = ctx.request().path().substring(API.length() + 1).replaceFirst("\\.(csv|json)$", "");
        try {
            Arrays.stream(rest.split("/")).map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).forEach(ApiRequest::checkSegment);
            Responses.error(ctx, 404, "no such endpoint: " + API + "/" + rest);
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, 400, e.getMessage());
        }
    }

    private void staticFile(RoutingContext ctx) {
        String name = ctx.normalizedPath().substring("/web/".length());
        if (!STATIC_FILE.matcher(name).matches()) {
            Responses.text(ctx, 404, Responses.TEXT, "not found");
            return;
        }
        try (InputStream in = QueryRoutes.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                Responses.text(ctx, 404, Responses.TEXT, "not found");
                return;
            }
            Responses.bytes(ctx, 200, CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1)), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One API call: its path parameters, query and the format asked for. */
    private record ApiRequest(RoutingContext ctx, QueryService service) {

        String param(String name) {
            return ctx.pathParam(name);
        }

        /** The last value of a query parameter, as a hand-written parser overwriting earlier ones would give. */
        String query(String name) {
            List<String> values = ctx.queryParam(name);
            return values.isEmpty() ? null : values.get(values.size() - 1);
        }

        boolean localOnly() {
            return "true".equals(query("local"));
        }

        boolean csv() {
            String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
            return "csv".equalsIgnoreCase(query("format")) || "csv".equals(ctx.pathParam("suffix"))
                    || (accept != null && accept.startsWith("text/csv"));
        }

        void checkSegments() {
            ctx.pathParams().forEach((name, value) -> {
                if (!name.equals("suffix")) {
                    checkSegment(value);
                }
            });
        }

        /** Store keys join their parts with '|': a part containing one could read another key's rows. */
        static void checkSegment(String s) {
            if (s.contains("|") || s.length() > 200) {
                throw new IllegalArgumentException("invalid path segment");
            }
        }
    }
}
