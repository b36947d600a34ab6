package nl.sobamo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OpsServer server = new OpsServer(new OpsSettings("127.0.0.1", 0), registry).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void servesThePrometheusTextFormat() throws Exception {
        Counter.builder("sobamo.test.records").tag("outcome", "observed").register(registry).increment(3);
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body()).contains("sobamo_test_records_total{outcome=\"observed\"} 3.0");
    }

    @Test
    void livenessIsUpWithoutChecks() throws Exception {
        server.readiness(check("kafka", new AtomicBoolean(false)));
        HttpResponse<String> r = get("/health/live");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void readinessIs503NamingTheFailingCheckThen200() throws Exception {
        AtomicBoolean kafkaUp = new AtomicBoolean(false);
        server.readiness(check("kafka", kafkaUp)).readiness(check("registry", new AtomicBoolean(true)));

        HttpResponse<String> down = get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode body = new ObjectMapper().readTree(down.body());
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/kafka/status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/registry/status").asText()).isEqualTo("UP");

        kafkaUp.set(true);
        HttpResponse<String> up = get("/health/ready");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(up.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void aThrowingCheckIsDownNotAnError() throws Exception {
        server.readiness(new HealthCheck() {
            @Override
            public String name() {
                return "registry";
            }

            @Override
            public Result check() {
                throw new IllegalStateException("registry unreachable");
            }
        });
        HttpResponse<String> r = get("/health/ready");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("registry unreachable");
    }

    @Test
    void otherMethodsAreRefused() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HealthCheck check(String name, AtomicBoolean up) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return up.get() ? Result.up("ok") : Result.down("unreachable");
            }
        };
    }
}
