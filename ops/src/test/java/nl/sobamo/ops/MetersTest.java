package nl.sobamo.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Meters build every series of a spec with its help text and unit, once per tag combination. */
class MetersTest {

    private static final MeterSpec RECORDS = new MeterSpec("sobamo.test.records", "Records by outcome", "records");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Meters meters = new Meters(registry);

    @Test
    void aSeriesCarriesTheSpecsHelpAndUnitAndIsBuiltOnce() {
        Counter published = meters.counter(RECORDS, "outcome", "published");

        assertThat(meters.counter(RECORDS, "outcome", "published")).isSameAs(published);
        assertThat(published.getId().getDescription()).isEqualTo("Records by outcome");
        assertThat(published.getId().getBaseUnit()).isEqualTo("records");
        assertThat(meters.counter(RECORDS, "outcome", "skipped")).isNotSameAs(published);
        assertThat(registry.find("sobamo.test.records").counters()).hasSize(2);
    }

    @Test
    void aTimerAndACounterOfTheSameTagsAreDifferentMeters() {
        MeterSpec took = new MeterSpec("sobamo.test.took", "How long it took");

        assertThat(meters.timer(took, "outcome", "ok")).isSameAs(meters.timer(took, "outcome", "ok"));
        assertThat(meters.timer(took, "outcome", "ok").getId().getBaseUnit()).isEqualTo("seconds");
    }
}
