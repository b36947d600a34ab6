package nl.sobamo.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Streams client is {@code RUNNING}. {@code REBALANCING} is not ready either: the instance then answers no
 * interactive queries and processes nothing. Also registers {@value #RUNNING} (1 when RUNNING, else 0), the gauge
 * the "Streams not RUNNING" alert watches.
 */
public final class StreamsHealthCheck implements HealthCheck {

    public static final String RUNNING = "sobamo.streams.running";

    private final Supplier<KafkaStreams> streams;

    public StreamsHealthCheck(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    /** Registers the {@value #RUNNING} gauge, tag {@code application} (the Streams application id). */
    public StreamsHealthCheck bindTo(MeterRegistry registry, String applicationId) {
        Gauge.builder(RUNNING, this, c -> c.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 when the Kafka Streams client is RUNNING, 0 otherwise")
                .tag("application", applicationId)
                .register(registry);
        return this;
    }

    private KafkaStreams.State state() {
        KafkaStreams s = streams.get();
        return s == null ? KafkaStreams.State.NOT_RUNNING : s.state();
    }

    @Override
    public String name() {
        return "streams";
    }

    @Override
    public Result check() {
        KafkaStreams.State state = state();
        return state == KafkaStreams.State.RUNNING ? Result.up(state.name()) : Result.down(state.name());
    }
}
