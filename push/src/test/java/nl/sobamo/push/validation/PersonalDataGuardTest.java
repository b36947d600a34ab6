package nl.sobamo.push.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

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
        assertThat(scan("{\"123456782\":1}")).containsExactly("3 123456782 personal-data-bsn");
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
