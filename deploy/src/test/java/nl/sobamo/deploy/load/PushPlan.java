package nl.sobamo.deploy.load;

import java.util.Locale;

/**
 * One visitors push whose table row is distinguishable from every other push of the run: a load run never sends
 * two pushes for the same (municipality, year), so each push owns its own {@code push.visits} row (period = the
 * year) and that row's provenance names exactly this push's record id.
 */
record PushPlan(String municipality, int year, long visits) {

    static final String FACILITY = "bh-e2e-load";
    static final String INDICATOR = "push.visits";

    /** The record id the push API derives from the logical key facilityId/periodStart/periodEnd (docs/push-api.md). */
    String recordId() {
        return "push/visitors/" + municipality + "/" + FACILITY + "/" + year + "-01-01/" + year + "-12-31";
    }

    String path() {
        return "/api/v1/municipalities/" + municipality + "/visitors";
    }

    String period() {
        return Integer.toString(year);
    }

    /** A whole calendar year (periods must lie in one year and not in the future); counts well above small-cell size. */
    String body() {
        return String.format(Locale.ROOT, "{\"facilityId\":\"%s\",\"facilityType\":\"buurthuis\",\"areaCode\":\"%s\","
                        + "\"periodStart\":\"%d-01-01\",\"periodEnd\":\"%d-12-31\",\"visits\":%d,\"uniqueVisitors\":%d}",
                FACILITY, municipality, year, year, visits, visits / 5);
    }
}
