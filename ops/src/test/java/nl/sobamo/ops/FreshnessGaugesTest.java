package nl.sobamo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class FreshnessGaugesTest {

    @Test
    void secondsSinceTheLastRecordPerKey() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CachedHealthCheckTest.MutableClock clock = new CachedHealthCheckTest.MutableClock();
        FreshnessGauges freshness = new FreshnessGauges(registry, "sobamo.test.freshness", "test", clock);

        assertThat(registry.find("sobamo.test.freshness").gauges()).isEmpty();
        freshness.mark("source", "iv3");
        clock.now = clock.now.plusSeconds(90);
        assertThat(registry.get("sobamo.test.freshness").tag("source", "iv3").gauge().value()).isEqualTo(90.0);
        freshness.mark("source", "iv3");
        assertThat(registry.get("sobamo.test.freshness").tag("source", "iv3").gauge().value()).isZero();
    }
}
