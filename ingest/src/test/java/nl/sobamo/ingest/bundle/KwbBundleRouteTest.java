package nl.sobamo.ingest.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import nl.sobamo.ingest.IngestReport;
import nl.sobamo.ingest.IngestRouteTestSupport;
import nl.sobamo.ingest.metrics.IngestMetrics.Outcome;
import nl.sobamo.schemas.RawRecord;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

class KwbBundleRouteTest extends IngestRouteTestSupport {

    @Override
    protected String routeUnderTest() {
        return KwbBundleRoute.ROUTE_ID;
    }

    @Test
    void publishesEveryRegionKeyedByItsRecordId() throws Exception {
        AdviceWith.adviceWith(context, KwbBundleRoute.ROUTE_ID,
                a -> a.weaveByToUri("kafka:*").replace().to("mock:kafka"));
        context.start();
        MockEndpoint kafka = getMockEndpoint("mock:kafka");
        kafka.expectedMessageCount(3_735);
        kafka.allMessages().header(KafkaConstants.KEY).isNotNull();

        IngestReport report = template.requestBody(KwbBundleRoute.ENDPOINT, null, IngestReport.class);

        kafka.assertIsSatisfied();
        assertThat(keySet(kafka)).hasSize(3_735).contains("cbs-kwb/85984NED/2024/GM0363", "cbs-kwb/85984NED/2024/WK0363AA");
        assertThat(kafka.getReceivedExchanges()).allSatisfy(e -> assertThat(e.getMessage().getHeader(KafkaConstants.KEY))
                .isEqualTo(e.getMessage().getBody(RawRecord.class).getRecordId()));
        RawRecord amsterdam = kafka.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody(RawRecord.class))
                .filter(r -> r.getAreaCode().equals("GM0363"))
                .findFirst().orElseThrow();
        assertThat(amsterdam.getFields()).containsEntry("AantalInwoners_5", "931298");
        assertThat(amsterdam.getFetchedAt()).as("the bundled demo file keeps its documented retrieval date")
                .isEqualTo(nl.sobamo.ingest.IngestConfig.DEFAULT_KWB_FETCHED_AT);

        assertThat(report.source()).isEqualTo("cbs-kwb");
        assertThat(report.dataset()).isEqualTo("85984NED");
        assertThat(report.published()).isEqualTo(3_735);
        assertThat(report.deadLettered()).isZero();
        assertThat(report.skipped()).isEmpty();
        assertThat(report.duration()).isPositive();
        assertThat(count("cbs-kwb", Outcome.PUBLISHED)).isEqualTo(3_735.0);
        assertThat(count("cbs-kwb", Outcome.DEAD_LETTERED)).isZero();
    }

    @Test
    void malformedEntriesGoToTheDeadLetterTopic() throws Exception {
        context.getPropertiesComponent().addOverrideProperty("sobamo.ingest.cbs-kwb.table-infos-resource",
                "classpath:kwb/TableInfos.json");
        AdviceWith.adviceWith(context, KwbBundleRoute.ROUTE_ID, a -> {
            a.weaveById(KwbBundleRoute.ROUTE_ID + "-to-raw-topic").replace().to("mock:raw");
            a.weaveById(KwbBundleRoute.ROUTE_ID + "-to-dlq").replace().to("mock:dlq");
        });
        context.start();
        MockEndpoint raw = getMockEndpoint("mock:raw");
        MockEndpoint dlq = getMockEndpoint("mock:dlq");
        raw.expectedMessageCount(2);
        dlq.expectedMessageCount(4);

        IngestReport report = template.requestBody(KwbBundleRoute.ENDPOINT, "classpath:kwb/malformed.json",
                IngestReport.class);

        MockEndpoint.assertIsSatisfied(raw, dlq);
        assertThat(keySet(raw)).containsExactlyInAnyOrder("cbs-kwb/99999TST/2099/GM0001", "cbs-kwb/99999TST/2099/GM0003");
        // dead letters keep source order and are keyed by the record they belonged to
        assertThat(keys(dlq)).containsExactly("cbs-kwb/99999TST/2099/WK000100", "cbs-kwb/99999TST/2099/GM0002",
                "cbs-kwb/99999TST/2099/GM0001", "cbs-kwb/99999TST/2099/GM0004");
        assertThat(report.published()).isEqualTo(2);
        assertThat(report.deadLettered()).isEqualTo(4);
        assertThat(raw.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(RawRecord.class).getFetchedAt())
                .as("a file other than the bundle is stamped with the time it was read (the test clock)")
                .containsOnly(nl.sobamo.ingest.TestResources.FAILED_AT);
        assertThat(report.skipped()).isEqualTo(Map.of("AGGREGATE_ROW", 1));
        assertThat(count("cbs-kwb", Outcome.SKIPPED)).isEqualTo(1.0);
        assertThat(count("cbs-kwb", Outcome.DEAD_LETTERED)).isEqualTo(4.0);
    }
}
