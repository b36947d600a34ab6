package nl.sobamo.normalize.area;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AreaCodeTest {

    @Test
    void paddedCodesAreTrimmedAndLevelsRecognised() {
        assertThat(AreaCode.parse("GM0363    ")).contains(new AreaCode("GM0363", "GM", "GM0363"));
        assertThat(AreaCode.parse("WK036300")).contains(new AreaCode("WK036300", "WK", "GM0363"));
        assertThat(AreaCode.parse("BU03630000")).contains(new AreaCode("BU03630000", "BU", "GM0363"));
    }

    @Test
    void districtSuffixesMayHoldLetters() {
        // 85984NED has 110 Amsterdam districts such as WK0363AA
        assertThat(AreaCode.parse("WK0363AA")).contains(new AreaCode("WK0363AA", "WK", "GM0363"));
        assertThat(AreaCode.parse("BU0363AA01")).contains(new AreaCode("BU0363AA01", "BU", "GM0363"));
    }

    @Test
    void otherCodesAreNoAreas() {
        assertThat(AreaCode.parse("NL01")).isEmpty();
        assertThat(AreaCode.parse("GM036")).isEmpty();
        assertThat(AreaCode.parse("WKAB0300")).isEmpty();
        // the hand-written check keeps the regular expressions' rules: 4 digits, upper-case suffix, exact length
        assertThat(AreaCode.parse("GM03A3")).isEmpty();
        assertThat(AreaCode.parse("GM03630")).isEmpty();
        assertThat(AreaCode.parse("WK0363aa")).isEmpty();
        assertThat(AreaCode.parse("WK03630")).isEmpty();
        assertThat(AreaCode.parse("BU0363AA0")).isEmpty();
        assertThat(AreaCode.parse("BU0363AA011")).isEmpty();
        assertThat(AreaCode.parse("gm0363")).isEmpty();
        assertThat(AreaCode.parse("")).isEmpty();
        assertThat(AreaCode.parse(null)).isEmpty();
    }
}
