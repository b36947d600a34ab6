package nl.sobamo.ingest.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import nl.sobamo.ingest.IngestReport;
import nl.sobamo.ingest.IngestRouteTestSupport;
import nl.sobamo.ingest.TestResources;
import nl.sobamo.ingest.metrics.IngestMetrics.Outcome;
import nl.sobamo.schemas.DeadLetter;
import nl.sobamo.schemas.RawRecord;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Iv3BundleRouteTest extends IngestRouteTestSupport {

    @Override
    protected String routeUnderTest() {
        return Iv3BundleRoute.ROUTE_ID;
    }

    private static final String PREFIX = "iv3/iv3-jaarrekening-2023/2023/";

    private MockEndpoint raw;
    private MockEndpoint dlq;

    /** Raw topic and DLQ become two mocks, found by the ids the route gives its Kafka steps. */
    private void mockKafka() throws Exception {
        AdviceWith.adviceWith(context, Iv3BundleRoute.ROUTE_ID, a -> {
            a.weaveById(Iv3BundleRoute.ROUTE_ID + "-to-raw-topic").replace().to("mock:raw");
            a.weaveById(Iv3BundleRoute.ROUTE_ID + "-to-dlq").replace().to("mock:dlq");
        });
        context.start();
        raw = getMockEndpoint("mock:raw");
        dlq = getMockEndpoint("mock:dlq");
    }

    @Test
    void publishesOneRecordPerMunicipalityOfTheBundle() throws Exception {
        mockKafka();
        raw.expectedMessageCount(342);
        dlq.expectedMessageCount(0);

        IngestReport report = template.requestBody(Iv3BundleRoute.ENDPOINT, null, IngestReport.class);

        MockEndpoint.assertIsSatisfied(raw, dlq);
        assertThat(keySet(raw)).hasSize(342)
                .contains(PREFIX + "Amsterdam", PREFIX + "'s-Gravenhage", PREFIX + "Vijfheerenlanden")
                .doesNotContain(PREFIX + "Nederland");
        RawRecord amsterdam = raw.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody(RawRecord.class))
                .filter(r -> r.getRecordId().equals(PREFIX + "Amsterdam"))
                .findFirst().orElseThrow();
        assertThat(amsterdam.getFields()).containsEntry("lasten:6.1", "264333.0");
        assertThat(amsterdam.getFetchedAt()).as("the bundled demo file keeps its documented retrieval date")
                .isEqualTo(nl.sobamo.ingest.IngestConfig.DEFAULT_IV3_FETCHED_AT);
        assertThat(report).extracting(IngestReport::source, IngestReport::dataset, IngestReport::published,
                IngestReport::deadLettered).containsExactly("iv3", "iv3-jaarrekening-2023", 342, 0);
        assertThat(report.skipped()).isEqualTo(Map.of("AGGREGATE_ROW", 1));
        assertThat(count("iv3", Outcome.PUBLISHED)).isEqualTo(342.0);
        assertThat(count("iv3", Outcome.SKIPPED)).isEqualTo(1.0);
    }

    @Test
    void malformedLinesAreDeadLetteredWhileTheOtherMunicipalitiesFlow(@TempDir Path dir) throws Exception {
        // a file: URI this time, the way an operator would point the route at a fresh download
        Path csv = dir.resolve("iv3.csv");
        Files.write(csv, TestResources.bytes(TestResources.IV3_MALFORMED));
        mockKafka();
        raw.expectedMessageCount(3);
        dlq.expectedMessageCount(5);

        IngestReport report = template.requestBody(Iv3BundleRoute.ENDPOINT, "file:" + csv, IngestReport.class);

        MockEndpoint.assertIsSatisfied(raw, dlq);
        assertThat(keySet(raw)).containsExactlyInAnyOrder(PREFIX + "Testdam", PREFIX + "Proefwijk",
                PREFIX + "Voorbeeldstad");
        assertThat(keys(dlq)).containsExactly(PREFIX + "Testdam", "file:" + csv + "#line 6",
                "file:" + csv + "#line 8", PREFIX + "Voorbeeldstad", PREFIX + "Proefwijk");
        assertThat(dlq.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(DeadLetter.class).getMessage())
                .first().isEqualTo("line 4: duplicate taakveld 6.1 for Testdam (first on line 3)");
        assertThat(report.published()).isEqualTo(3);
        assertThat(report.deadLettered()).isEqualTo(5);
        assertThat(raw.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(RawRecord.class).getFetchedAt())
                .as("a user's file is stamped with the time it was read (the test clock), not the bundle's date")
                .containsOnly(TestResources.FAILED_AT);
        assertThat(count("iv3", Outcome.DEAD_LETTERED)).isEqualTo(5.0);
    }

    @Test
    void aCallerThatDoesNotWaitCanStillSeeTheRunComplete() throws Exception {
        mockKafka();
        raw.expectedMessageCount(3);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(Iv3BundleRoute.ROUTE_ID).whenCompleted(1).create();

        Future<Object> reply = template.asyncRequestBody(Iv3BundleRoute.ENDPOINT,
                "classpath:" + TestResources.IV3_MALFORMED);

        assertThat(done.matches(30, TimeUnit.SECONDS)).isTrue();
        raw.assertIsSatisfied();
        assertThat(reply.get(30, TimeUnit.SECONDS)).isInstanceOf(IngestReport.class)
                .extracting(r -> ((IngestReport) r).published()).isEqualTo(3);
    }

    @Test
    void aFailedSendFailsTheRunAndNoReportIsGiven() throws Exception {
        mockKafka();
        raw.whenExchangeReceived(2, e -> {
            throw new IllegalStateException("broker down");
        });
        NotifyBuilder failed = new NotifyBuilder(context).fromRoute(Iv3BundleRoute.ROUTE_ID).whenFailed(1).create();

        assertThatThrownBy(() -> template.requestBody(Iv3BundleRoute.ENDPOINT, null, IngestReport.class))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("broker down");

        assertThat(failed.matches(0, TimeUnit.SECONDS)).isTrue();
        assertThat(dlq.getReceivedCounter()).isZero();
        assertThat(count("iv3", Outcome.SKIPPED)).isZero();
        assertThat(count("iv3", Outcome.PUBLISHED)).isLessThan(342.0);
    }

    @Test
    void aFetchedAtTheUserSetsWinsForTheirFile(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("iv3.csv");
        Files.write(csv, TestResources.bytes(TestResources.IV3_MALFORMED));
        context.getPropertiesComponent().addOverrideProperty(nl.sobamo.ingest.IngestConfig.IV3_FETCHED_AT,
                "2026-02-01T08:00:00Z");
        mockKafka();
        raw.expectedMessageCount(3);

        template.requestBody(Iv3BundleRoute.ENDPOINT, "file:" + csv, IngestReport.class);

        raw.assertIsSatisfied();
        assertThat(raw.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(RawRecord.class).getFetchedAt())
                .containsOnly(java.time.Instant.parse("2026-02-01T08:00:00Z"));
    }
}
