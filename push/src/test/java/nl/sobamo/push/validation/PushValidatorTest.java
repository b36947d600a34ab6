package nl.sobamo.push.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PushValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** "Today" is 2025-11-25 in Amsterdam. */
    private final PushValidator validator = new PushValidator(
            Clock.fixed(Instant.parse("2025-11-25T10:00:00Z"), ZoneOffset.UTC));

    private ValidationResult validate(Dataset dataset, String json) throws Exception {
        JsonNode root = JSON.readTree(json);
        List<JsonNode> records = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(records::add);
        } else {
            records.add(root);
        }
        return validator.validate("GM0166", dataset, records);
    }

    private List<String> violations(Dataset dataset, String json) throws Exception {
        return validate(dataset, json).violations().stream()
                .map(v -> v.record() + " " + v.field() + " " + v.rule()).toList();
    }

    @Test
    void aValidVisitorsRecordIsCanonicalWithItsLogicalKey() throws Exception {
        ValidationResult result = validate(Dataset.VISITORS, """
                {"facilityId":"bh-de-brug","facilityType":"Buurthuis","areaCode":"BU01660100","periodStart":"2025-07-01",
                 "periodEnd":"2025-09-30","visits":1200.0,"uniqueVisitors":310}""");

        assertThat(result.violations()).isEmpty();
        ValidRecord r = result.records().get(0);
        assertThat(r.logicalKey()).isEqualTo("bh-de-brug/2025-07-01/2025-09-30");
        assertThat(r.period()).isEqualTo("2025");
        assertThat(r.areaCode()).isEqualTo("BU01660100");
        assertThat(r.fields()).containsExactly(
                Map.entry("facilityId", "bh-de-brug"), Map.entry("facilityType", "buurthuis"),
                Map.entry("areaCode", "BU01660100"), Map.entry("periodStart", "2025-07-01"),
                Map.entry("periodEnd", "2025-09-30"), Map.entry("visits", "1200"),
                Map.entry("uniqueVisitors", "310"), Map.entry("estimated", "false"),
                Map.entry("municipalityCode", "GM0166"));
    }

    @Test
    void typesFormatsAndRangesAreNamed() throws Exception {
        assertThat(violations(Dataset.VISITORS, """
                {"facilityId":"bh/1","facilityType":"kerk","areaCode":"WK0166","periodStart":"2025-13-01",
                 "periodEnd":"2025-03-31","visits":2.5,"uniqueVisitors":"3","estimated":"yes","extra":1}""")).containsExactly(
                "0 extra unknown-field", "0 facilityId format-id", "0 facilityType enum", "0 areaCode format-area-code",
                "0 periodStart type-date", "0 visits type-integer", "0 uniqueVisitors type-integer",
                "0 estimated type-boolean");
        assertThat(violations(Dataset.VISITORS, "{\"facilityId\":\"x\"}")).containsExactly(
                "0 facilityType required", "0 areaCode required", "0 periodStart required", "0 periodEnd required",
                "0 visits required");
        assertThat(violations(Dataset.VISITORS, "[1]")).containsExactly("0 null type-object");
    }

    @Test
    void countsMustNotBeNegativeAndUniqueVisitorsNotAboveVisits() throws Exception {
        assertThat(violations(Dataset.VISITORS, """
                [{"facilityId":"a","facilityType":"inloop","areaCode":"GM0166","periodStart":"2025-01-01",
                  "periodEnd":"2025-01-31","visits":-1},
                 {"facilityId":"b","facilityType":"inloop","areaCode":"GM0166","periodStart":"2025-01-01",
                  "periodEnd":"2025-01-31","visits":10,"uniqueVisitors":11}]""")).containsExactly(
                "0 visits not-negative", "1 uniqueVisitors unique-le-visits");
    }

    @Test
    void periodsMustBeOrderedWithinOneYearAndNotInTheFuture() throws Exception {
        String base = "{\"facilityId\":\"a\",\"facilityType\":\"inloop\",\"areaCode\":\"GM0166\",\"visits\":5,";
        assertThat(violations(Dataset.VISITORS, base + "\"periodStart\":\"2025-03-01\",\"periodEnd\":\"2025-02-01\"}"))
                .containsExactly("0 periodEnd period-order");
        assertThat(violations(Dataset.VISITORS, base + "\"periodStart\":\"2024-12-01\",\"periodEnd\":\"2025-01-31\"}"))
                .containsExactly("0 periodEnd period-one-year");
        assertThat(violations(Dataset.VISITORS, base + "\"periodStart\":\"2025-11-01\",\"periodEnd\":\"2025-11-30\"}"))
                .containsExactly("0 periodEnd not-in-future");
        assertThat(violations(Dataset.VISITORS, base + "\"periodStart\":\"2025-11-01\",\"periodEnd\":\"2025-11-25\"}"))
                .isEmpty();
    }

    @Test
    void areasMustLieInTheMunicipalityOfThePath() throws Exception {
        String base = "{\"facilityId\":\"a\",\"facilityType\":\"inloop\",\"periodStart\":\"2025-01-01\","
                + "\"periodEnd\":\"2025-01-31\",\"visits\":5,\"areaCode\":";
        assertThat(violations(Dataset.VISITORS, base + "\"WK019301\"}")).containsExactly("0 areaCode area-in-municipality");
        assertThat(violations(Dataset.VISITORS, base + "\"GM0193\"}")).containsExactly("0 areaCode area-in-municipality");
        assertThat(violations(Dataset.VISITORS, base + "\"WK0166AA\"}")).isEmpty();
    }

    @Test
    void budgetsNeedExactlyOneOfCategoryAndTaakveldAndMayBeForNextYear() throws Exception {
        ValidationResult ok = validate(Dataset.BUDGET, """
                [{"year":2026,"category":"jongerenwerk","amountEur":1250000.50,"kind":"budget"},
                 {"year":2024,"taakveld":"6.1","amountEur":8100000,"kind":"realised"}]""");
        assertThat(ok.violations()).isEmpty();
        assertThat(ok.records()).extracting(ValidRecord::logicalKey)
                .containsExactly("2026/budget/jongerenwerk", "2024/realised/taakveld-6.1");
        assertThat(ok.records().get(0).fields()).containsEntry("amountEur", "1250000.5");
        assertThat(ok.records().get(0).areaCode()).isEqualTo("GM0166");
        assertThat(violations(Dataset.BUDGET, """
                [{"year":2026,"amountEur":1,"kind":"realised"},
                 {"year":2027,"category":"buurtwerk","taakveld":"6.1","amountEur":1,"kind":"budget"},
                 {"year":1999,"category":"buurtwerk","amountEur":-3,"kind":"plan"}]""")).containsExactly(
                "0 category category-or-taakveld", "0 year not-in-future",
                "1 category category-or-taakveld", "1 year not-in-future",
                "2 year range-year", "2 amountEur not-negative", "2 kind enum");
    }

    @Test
    void experienceAnswersAddUpToAtMostTheRespondents() throws Exception {
        String base = "{\"service\":\"inloop\",\"areaCode\":\"GM0166\",\"periodStart\":\"2025-01-01\","
                + "\"periodEnd\":\"2025-06-30\",";
        ValidationResult ok = validate(Dataset.EXPERIENCE, base + "\"respondents\":30,"
                + "\"satisfied\":{\"positive\":20,\"neutral\":6,\"negative\":3},\"helped.positive\":25,"
                + "\"helped.neutral\":5,\"helped.negative\":0}");
        assertThat(ok.violations()).isEmpty();
        assertThat(ok.records().get(0).fields()).containsEntry("satisfied.positive", "20").containsEntry("helped.negative", "0");
        assertThat(violations(Dataset.EXPERIENCE, base + "\"respondents\":30,"
                + "\"satisfied\":{\"positive\":20,\"neutral\":8,\"negative\":3},\"helped.positive\":25}"))
                .containsExactly("0 satisfied answers-le-respondents", "0 helped statement-complete");
        assertThat(violations(Dataset.EXPERIENCE, base + "\"respondents\":30}"))
                .containsExactly("0 null statement-required");
        assertThat(violations(Dataset.EXPERIENCE, base + "\"respondents\":30,\"satisfied\":[1,2,3]}"))
                .containsExactly("0 satisfied type-array");
    }

    @Test
    void personLevelCountsAreRefused() throws Exception {
        assertThat(violations(Dataset.EXPERIENCE, "{\"service\":\"gesprek\",\"areaCode\":\"GM0166\",\"periodStart\":"
                + "\"2025-01-01\",\"periodEnd\":\"2025-01-01\",\"respondents\":1,\"satisfied\":{\"positive\":1,"
                + "\"neutral\":0,\"negative\":0}}")).containsExactly("0 respondents person-level");
        assertThat(violations(Dataset.VISITORS, "{\"facilityId\":\"a\",\"facilityType\":\"activity\",\"areaCode\":"
                + "\"GM0166\",\"periodStart\":\"2025-01-01\",\"periodEnd\":\"2025-01-01\",\"visits\":1,"
                + "\"uniqueVisitors\":1}")).containsExactly("0 uniqueVisitors person-level");
        assertThat(violations(Dataset.VOLUNTEERS, "{\"organisation\":\"Buurtbus\",\"areaCode\":\"GM0166\","
                + "\"periodStart\":\"2025-01-01\",\"periodEnd\":\"2025-06-30\",\"volunteers\":1,\"hoursPerWeek\":4}"))
                .containsExactly("0 volunteers person-level");
        // respondents 0 (nobody answered) is an aggregate too
        assertThat(violations(Dataset.EXPERIENCE, "{\"service\":\"gesprek\",\"areaCode\":\"GM0166\",\"periodStart\":"
                + "\"2025-01-01\",\"periodEnd\":\"2025-01-31\",\"respondents\":0,\"satisfied\":{\"positive\":0,"
                + "\"neutral\":0,\"negative\":0}}")).isEmpty();
    }

    @Test
    void oneRowPerPersonShowsAsDuplicateLogicalKeys() throws Exception {
        String row = "{\"facilityId\":\"a\",\"facilityType\":\"activity\",\"areaCode\":\"GM0166\","
                + "\"periodStart\":\"2025-01-01\",\"periodEnd\":\"2025-01-31\",\"visits\":3}";
        assertThat(violations(Dataset.VISITORS, "[" + row + "," + row + "]")).containsExactly("1 null duplicate-key");
    }

    @Test
    void volunteersAndFacilitiesHaveTheirKeysAndBounds() throws Exception {
        ValidationResult volunteers = validate(Dataset.VOLUNTEERS, "{\"organisation\":\"Vrijwilligerscentrale"
                + " Kampen!\",\"areaCode\":\"GM0166\",\"periodStart\":\"2025-01-01\",\"periodEnd\":\"2025-06-30\","
                + "\"volunteers\":412,\"hoursPerWeek\":1650.5,\"estimated\":true}");
        assertThat(volunteers.records().get(0).logicalKey())
                .isEqualTo("vrijwilligerscentrale-kampen/GM0166/2025-01-01/2025-06-30");
        assertThat(volunteers.records().get(0).fields()).containsEntry("estimated", "true")
                .containsEntry("hoursPerWeek", "1650.5");
        assertThat(violations(Dataset.FACILITIES, "{\"facilityId\":\"a\",\"type\":\"buurthuis\",\"areaCode\":"
                + "\"GM0166\",\"year\":2026,\"openingHoursPerWeek\":169}")).containsExactly(
                "0 openingHoursPerWeek max");
        assertThat(violations(Dataset.FACILITIES, "{\"facilityId\":\"a\",\"type\":\"buurthuis\",\"areaCode\":"
                + "\"GM0166\",\"year\":2026}")).containsExactly("0 year not-in-future");
    }

    @Test
    void personalDataIsReportedAloneBeforeOtherRules() throws Exception {
        assertThat(violations(Dataset.VISITORS, "[{\"visits\":-1},{\"facilityId\":\"p@x.nl\"}]"))
                .containsExactly("1 facilityId personal-data-email");
        assertThat(validate(Dataset.VISITORS, "{\"naam\":\"x\"}").personalData()).isTrue();
    }
}
