package nl.sobamo.aggregate.query.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import nl.sobamo.aggregate.query.QueryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate query API on vertx-web (routes in {@link QueryRoutes}). Binds at construction, so that the address
 * can go into {@code application.server} before the Streams app starts; answers 503 until {@link #start}.
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final HttpServer server;
    private final String host;
    private volatile QueryService service;
    private volatile Supplier<String> health = () -> "UNKNOWN";

    /** Binds now (port 0 picks a free one); serve with {@link #start}. */
    public QueryServer(String host, int port) throws IOException {
        this.host = host;
        // queries block on store reads and on forwarding to other instances: they run on the worker pool, so one
        // event loop is plenty
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4));
        QueryRoutes routes = new QueryRoutes(() -> service, () -> health.get());
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                    .requestHandler(routes.router(vertx))
                    .listen().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            closeVertx();
            throw new IOException("cannot listen on " + host + ":" + port, e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            closeVertx();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + host + ":" + port, e);
        }
    }

    public QueryServer start(QueryService queryService, Supplier<String> healthState) {
        this.health = healthState;
        this.service = queryService;
        LOG.info("aggregate query API on {}", baseUrl());
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    public String host() {
        return host;
    }

    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    @Override
    public void close() {
        closeVertx(); // closes the server too
    }

    private void closeVertx() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("query API did not close cleanly", e);
        }
    }
}
