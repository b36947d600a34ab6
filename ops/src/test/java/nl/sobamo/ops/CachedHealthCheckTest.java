package nl.sobamo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedHealthCheckTest {

    @Test
    void asksTheDelegateAgainOnlyAfterTheTtl() {
        AtomicInteger calls = new AtomicInteger();
        HealthCheck counting = new HealthCheck() {
            @Override
            public String name() {
                return "kafka";
            }

            @Override
            public Result check() {
                return Result.up("call " + calls.incrementAndGet());
            }
        };
        MutableClock clock = new MutableClock();
        CachedHealthCheck cached = new CachedHealthCheck(counting, Duration.ofSeconds(5), clock);

        assertThat(cached.check().detail()).isEqualTo("call 1");
        clock.now = clock.now.plusSeconds(4);
        assertThat(cached.check().detail()).isEqualTo("call 1");
        clock.now = clock.now.plusSeconds(1);
        assertThat(cached.check().detail()).isEqualTo("call 2");
        assertThat(cached.name()).isEqualTo("kafka");
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
