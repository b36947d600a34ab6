package nl.sobamo.ingest.pull.protocol.odata;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class CbsValuesTest {

    @Test
    void parsesPeriodKeys() {
        assertThat(CbsValues.period("2024JJ00")).isEqualTo("2024");
        assertThat(CbsValues.period("1996KW01")).isEqualTo("1996Q1");
        assertThat(CbsValues.period("2024MM03")).isEqualTo("2024-03");
        assertThat(CbsValues.period("2020HJ02")).isEqualTo("2020H2");
        assertThat(CbsValues.period("2018G400")).isEqualTo("2018G400");
        assertThat(CbsValues.period(" 2023 ")).isEqualTo("2023");
    }

    @Test
    void trimsPaddedCodesAndRecognisesAggregates() {
        assertThat(CbsValues.trim("GM0363    ")).isEqualTo("GM0363");
        assertThat(CbsValues.isAggregate("NL00")).isTrue();
        assertThat(CbsValues.isAggregate("PV27")).isTrue();
        assertThat(CbsValues.isAggregate("GM0363")).isFalse();
    }

    @Test
    void numbersArePlain() {
        assertThat(CbsValues.plain(new BigDecimal("264333.0"))).isEqualTo("264333");
        assertThat(CbsValues.plain(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(CbsValues.plain(new BigDecimal("0.50"))).isEqualTo("0.5");
    }

    @Test
    void skipAheadAdvancesTheSkipOfALink() {
        assertThat(NextLinks.skipAhead("https://x/T/TypedDataSet?$format=json&$skip=2000", 1000))
                .isEqualTo("https://x/T/TypedDataSet?$format=json&$skip=3000");
        assertThat(NextLinks.skipAhead("https://x/T/Observations", 10_000))
                .isEqualTo("https://x/T/Observations?$skip=10000");
        assertThat(NextLinks.skipOf("https://x/T/UntypedDataSet/?$format=json&$skip=10000")).isEqualTo(10_000);
    }
}
