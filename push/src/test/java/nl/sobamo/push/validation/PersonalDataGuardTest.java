package nl.sobamo.push.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> scan(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return PersonalDataGuard.scan(node, 3, Set.of("amountEur")).stream()
                .map(v -> v.record() + " " + v.field() + " " + v.rule()).toList();
    }

    @Test
    void aBsnInTextInANumberOrInAFieldNameIsFound() throws Exception {
        assertThat(scan("{\"facilityId\":\"bh-111222333\"}")).containsExactly("3 facilityId personal-data-bsn");
        assertThat(scan("{\"visits\":123456782}")).containsExactly("3 visits personal-data-bsn");
        assertThat(scan("{\"note\":\"klant 1234.56.782\"}")).containsExactly("3 note personal-data-bsn");
        assertThat(scan("{\"x\":{\"y\":[\"a\",\"999999990\"]}}")).containsExactly("3 x.y[1] personal-data-bsn");
        // the field name is not repeated: it is the personal data
        assertThat(scan("{\"123456782\":1}")).containsExactly("3 (field name withheld) personal-data-bsn");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "client 111 222 333", "client 111-222-333", "client 111.222.333", "client 111/222/333",
            "client 111_222_333", "client 1112 22 333", "client 111 - 222 - 333",
            "client \uFF11\uFF11\uFF11\uFF12\uFF12\uFF12\uFF13\uFF13\uFF13", // full-width
            "client \u0661\u0661\u0661\u0662\u0662\u0662\u0663\u0663\u0663", // Arabic-Indic
            "client \u0967\u0967\u0967\u0968\u0968\u0968\u0969\u0969\u0969", // Devanagari
            "client 111\u200B222\u200C333", "client 1\u200D1\u20601222333", "client 111\u00AD222\uFEFF333",
            "client 111\u00A0222\u2009333", "client 111\u2011222\u2014333", "client 1\u03011\u03011222333",
            "client 111\t222\n333"})
    void aBsnIsFoundHoweverItIsSpacedOrSpelled(String text) throws Exception {
        String json = JSON.writeValueAsString(java.util.Map.of("organisation", text));

        assertThat(scan(json)).containsExactly("3 organisation personal-data-bsn");
        assertThat(PersonalDataGuard.containsBsn(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-01 tot 2025-03-31", "bh-2024-001", "tel 0612345678", "111 222 334",
            "WK016600 en BU01660001", "1 2 3 4 5 6 7 8 9 0", "111 222    333"})
    void ordinaryNumbersAndSeparatedRunsAreNoBsn(String text) {
        assertThat(PersonalDataGuard.containsBsn(text)).isFalse();
    }

    @Test
    void aHugeExponentIsNotPrintedToBeScanned() throws Exception {
        JsonNode node = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature
                .USE_BIG_DECIMAL_FOR_FLOATS).readTree("{\"visits\":1e10000000}");

        assertThat(PersonalDataGuard.scan(node, 0, Set.of())).isEmpty();
    }

    @Test
    void nineDigitsFailingTheElevenTestLongerRunsAndAmountsPass() throws Exception {
        assertThat(scan("{\"facilityId\":\"123456789\",\"visits\":1234567820,\"amountEur\":123456782}")).isEmpty();
        assertThat(scan("{\"facilityId\":\"x1112223330\"}")).isEmpty();
    }

    @Test
    void emailAddressesAreFoundAnywhere() throws Exception {
        assertThat(scan("{\"organisation\":\"mail j.de.vries@kampen.nl\"}"))
                .containsExactly("3 organisation personal-data-email");
        assertThat(scan("{\"organisation\":\"Stichting @Home Kampen\"}")).isEmpty();
    }

    @Test
    void personIdentifyingFieldNamesAreRefusedWhateverTheSpelling() throws Exception {
        assertThat(scan("{\"Naam\":\"x\",\"birth_date\":\"2000-01-01\",\"E-mail\":\"-\",\"bsn\":null}")).containsExactly(
                "3 Naam personal-data-field", "3 birth_date personal-data-field", "3 E-mail personal-data-field",
                "3 bsn personal-data-field");
        assertThat(scan("{\"client\":{\"geboortedatum\":\"x\"}}")).containsExactly(
                "3 client.geboortedatum personal-data-field");
        assertThat(scan("{\"organisation\":\"x\",\"facilityId\":\"y\"}")).isEmpty();
    }

    @Test
    void messagesDoNotRepeatTheValue() throws Exception {
        Violation v = PersonalDataGuard.scan(JSON.readTree("{\"facilityId\":\"111222333\"}"), 0, Set.of()).get(0);
        assertThat(v.message()).isEqualTo("the value of field 'facilityId' contains a nine-digit number that passes"
                + " the BSN 11-proef; the monitor accepts aggregate figures only");
        assertThat(v.personalData()).isTrue();
    }
}
