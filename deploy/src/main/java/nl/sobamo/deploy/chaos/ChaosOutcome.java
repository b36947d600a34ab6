package nl.sobamo.deploy.chaos;

import java.util.List;
import java.util.Locale;

/** All rounds of a chaos run, and the one-line JSON verdict. */
public record ChaosOutcome(List<RoundResult> rounds, long seconds) {

    public boolean held() {
        return rounds.stream().allMatch(RoundResult::held);
    }

    public long lost() {
        return rounds.stream().mapToLong(r -> r.reconciliation().lost()).sum();
    }

    public long duplicated() {
        return rounds.stream().mapToLong(r -> r.reconciliation().duplicated()).sum();
    }

    public boolean tablesEqual() {
        return rounds.stream().allMatch(r -> r.tables().equal());
    }

    public String json() {
        RoundResult last = rounds.get(rounds.size() - 1);
        Reconciliation.Result r = last.reconciliation();
        long missingPushes = rounds.stream().mapToLong(x -> x.reconciliation().missingPushes()).max().orElse(0);
        String faults = rounds.stream().map(x -> "\"" + x.fault().name().toLowerCase(Locale.ROOT) + "\"").toList().toString();
        long midWork = rounds.stream().filter(RoundResult::midWork).count();
        return String.format(Locale.ROOT, "{\"rounds\":%d,\"lost\":%d,\"duplicated\":%d,\"tables_equal\":%b,\"reconciled\":%b,"
                        + "\"raw_in\":%d,\"observed\":%d,\"dead_lettered\":%d,\"skipped\":%d,\"observations\":%d,"
                        + "\"pushes_missing\":%d,\"redelivered\":%d,\"faults\":%s,\"mid_work\":%d,\"indicator_rows\":%d,"
                        + "\"benchmark_rows\":%d,\"seconds\":%d,\"held\":%b}",
                rounds.size(), lost(), duplicated(), tablesEqual(), rounds.stream().allMatch(x -> x.reconciliation().holds()),
                r.rawIn(), r.rawObserved(), r.rawDeadLettered(), r.rawSkipped(), r.observations(), missingPushes, r.redelivered(),
                faults, midWork, last.tableRows().getOrDefault("indicators", 0), last.tableRows().getOrDefault("benchmarks", 0),
                seconds, held());
    }
}
