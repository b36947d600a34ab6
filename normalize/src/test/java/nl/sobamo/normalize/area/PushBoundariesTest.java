package nl.sobamo.normalize.area;

import static org.assertj.core.api.Assertions.assertThat;

import nl.sobamo.catalog.IndicatorCatalog;
import org.junit.jupiter.api.Test;

/**
 * The push API accepts only today's municipality codes, so a municipality pushing figures about an old year
 * (Amsterdam about 2000, before Weesp joined in 2022) already reports on today's boundaries: its observation
 * must not wait for a Weesp part that will never be pushed.
 */
class PushBoundariesTest {

    private final IndicatorCatalog catalog = IndicatorCatalog.loadDefault();
    private final AreaHarmonizer harmonizer = AreaHarmonizer.loadDefault();

    @Test
    void pushedRecordsFollowTodaysBoundariesWhateverTheirPeriod() {
        int boundaries = catalog.classificationYear("push", "visitors", 2000);
        assertThat(boundaries).isEqualTo(2024);
        assertThat(harmonizer.needsHarmonisation("GM0363", boundaries)).isFalse();
        // the same code on the boundaries of the year itself would wait for Weesp's part
        assertThat(harmonizer.needsHarmonisation("GM0363", 2000)).isTrue();
    }

    @Test
    void otherSourcesStillFollowTheirPeriodsBoundaries() {
        assertThat(catalog.classificationYear("cbs-kwb", "85984NED", 2024)).isEqualTo(2024);
        assertThat(catalog.classificationYear("rivm", "50090NED", 2012)).isEqualTo(2020);
    }
}
