package nl.sobamo.deploy.chaos;

import java.util.List;
import java.util.Map;

/**
 * What one round did and found.
 *
 * @param midWork      whether the fault landed while the target still had input to process (lag above zero)
 * @param faultDetail  e.g. the lag at the kill, or the push statuses during the outage
 * @param revived      services that exited by themselves during the round and were restarted
 * @param settleSeconds from the fault until the round drained and its tables equalled the reference
 */
public record RoundResult(int round, Fault fault, boolean midWork, String faultDetail, Reconciliation.Result reconciliation,
                          TableState.Diff tables, Map<String, Integer> tableRows, List<String> revived,
                          Map<String, Integer> pushStatuses, long settleSeconds) {

    public boolean held() {
        return reconciliation.holds() && tables.equal();
    }

    public String line() {
        Reconciliation.Result r = reconciliation;
        return String.format(java.util.Locale.ROOT,
                "round %d %-32s %s | raw in %,d = %,d observed + %,d dead-lettered + %,d skipped | observations %,d, dead letters %,d"
                        + " | lost %d, duplicated %d, redelivered %d | pushes %s, missing %d | tables %s %s | revived %s | %d s | %s",
                round, fault.label(), (midWork ? "mid-work" : "after-work") + " (" + faultDetail + ")", r.rawIn(), r.rawObserved(),
                r.rawDeadLettered(), r.rawSkipped(), r.observations(), r.deadLetters(), r.lost(), r.duplicated(), r.redelivered(),
                pushStatuses, r.missingPushes(), tables.equal() ? "equal" : "DIFFER " + tables.perTable(), tableRows, revived,
                settleSeconds, held() ? "OK" : "FAILED " + r.examples() + " " + r.missingPushExamples());
    }
}
