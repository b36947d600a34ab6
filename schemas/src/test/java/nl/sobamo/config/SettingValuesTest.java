package nl.sobamo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class SettingValuesTest {

    @Test
    void durations() {
        assertThat(SettingValues.duration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SettingValues.duration("k", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SettingValues.duration("k", "PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> SettingValues.duration("k", "soon")).hasMessageStartingWith("Setting 'k' must be a duration");
    }

    @Test
    void plainNumbersCountInTheGivenUnit() {
        assertThat(SettingValues.duration("k", "90")).isEqualTo(Duration.ofMillis(90));
        assertThat(SettingValues.duration("k", "90", ChronoUnit.SECONDS)).isEqualTo(Duration.ofSeconds(90));
        assertThat(SettingValues.duration("k", "1h", ChronoUnit.SECONDS)).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> SettingValues.duration("k", "soon", ChronoUnit.SECONDS))
                .hasMessageContaining("a plain number counts seconds");
    }

    @Test
    void errorsNameTheSetting() {
        assertThat(SettingValues.instant("k", "2025-04-19T00:00:00Z")).isEqualTo(Instant.parse("2025-04-19T00:00:00Z"));
        assertThatThrownBy(() -> SettingValues.instant("k", "yesterday")).hasMessageStartingWith("Setting 'k' must be an ISO-8601");
        assertThat(SettingValues.wholeNumber("k", "8095")).isEqualTo(8095);
        assertThatThrownBy(() -> SettingValues.wholeNumber("k", "8o95"))
                .hasMessage("Setting 'k' must be a whole number, was '8o95'");
        assertThatThrownBy(() -> SettingValues.requireText("k", " ")).hasMessage("Setting 'k' must not be blank");
    }
}
