package nl.sobamo.aggregate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import nl.sobamo.aggregate.position.MemoryBudget;
import nl.sobamo.config.Settings;
import org.junit.jupiter.api.Test;

class AggregateConfigTest {

    @Test
    void positionCacheDefaultsToAShareOfTheHeapAndIsOverriddenByItsEnvironmentVariable() {
        assertThat(AggregateConfig.from(Settings.of(Map.of())).positionCacheEntries())
                .isEqualTo(MemoryBudget.defaultEntries(Runtime.getRuntime().maxMemory()));
        assertThat(MemoryBudget.defaultEntries(2L << 30)).isEqualTo(1_258_291L); // 30 % of 2 GiB at 512 B

        Settings env = Settings.of(new Properties(), new Properties(),
                Map.of("SOBAMO_AGGREGATE_POSITION_CACHE_ENTRIES", "50000"));
        assertThat(AggregateConfig.from(env).positionCacheEntries()).isEqualTo(50_000L);
    }

    @Test
    void aNegativeOrNonNumericPositionCacheFailsAtStartupNamingTheSetting() {
        assertThatThrownBy(() -> AggregateConfig.from(Settings.of(Map.of("sobamo.aggregate.position-cache-entries", "-1"))))
                .hasMessageContaining("position cache entries");
        assertThatThrownBy(() -> AggregateConfig.from(Settings.of(Map.of("sobamo.aggregate.position-cache-entries", "lots"))))
                .hasMessageContaining("sobamo.aggregate.position-cache-entries");
    }

    @Test
    void catchUpDefaultsAndItsSettings() {
        assertThat(AggregateConfig.from(Settings.of(Map.of())).catchUp()).isEqualTo(CatchUp.DEFAULTS);
        assertThat(CatchUp.DEFAULTS).isEqualTo(new CatchUp(Duration.ofSeconds(3), Duration.ofMinutes(2)));

        Settings env = Settings.of(new Properties(), new Properties(),
                Map.of("SOBAMO_AGGREGATE_CATCH_UP_LAG", "PT10S", "SOBAMO_AGGREGATE_CATCH_UP_MAX_DELAY", "30000"));
        assertThat(AggregateConfig.from(env).catchUp()).isEqualTo(new CatchUp(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        assertThatThrownBy(() -> AggregateConfig.from(Settings.of(Map.of("sobamo.aggregate.catch-up-lag", "0"))))
                .hasMessageContaining("catch-up lag");
    }
}
