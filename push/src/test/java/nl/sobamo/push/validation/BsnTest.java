package nl.sobamo.push.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BsnTest {

    /** 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11, e.g. 111222333: 9+8+7+12+10+8+9+6-3 = 66 = 6*11. */
    @ParameterizedTest
    @ValueSource(strings = {"111222333", "123456782", "999999990", "012345672", "100000009"})
    void numbersPassingTheElevenTestAreBsns(String digits) {
        assertThat(Bsn.passesElevenTest(digits)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789", "111222334", "263117018", "000000000", "12345678", "1234567820", "12345678a", ""})
    void otherTextIsNot(String text) {
        assertThat(Bsn.passesElevenTest(text)).isFalse();
    }
}
