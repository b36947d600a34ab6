package nl.sobamo.push.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MunicipalitiesTest {

    @Test
    void theBundledListHasThe342CodesOf2023() {
        Municipalities m = Municipalities.bundled();

        assertThat(m.codes()).hasSize(342);
        assertThat(m.contains("GM0166")).isTrue(); // Kampen
        assertThat(m.contains("GM0363")).isTrue(); // Amsterdam
        assertThat(m.contains("GM1992")).isTrue(); // Voorne aan Zee, new in 2023
        assertThat(m.contains("GM0457")).isFalse(); // Weesp, merged into Amsterdam in 2022
        assertThat(m.contains("GM9999")).isFalse();
        assertThat(Municipalities.wellFormed("GM0166")).isTrue();
        assertThat(Municipalities.wellFormed("gm0166")).isFalse();
        assertThat(Municipalities.wellFormed("GM166")).isFalse();
    }
}
