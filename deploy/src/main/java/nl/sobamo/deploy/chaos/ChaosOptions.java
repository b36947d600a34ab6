package nl.sobamo.deploy.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Size and shape of a chaos run; a short run (the IT) and the full run share one code path and differ only here.
 *
 * @param records       synthetic raw records on top of the bundled national data, spread over the rounds
 * @param faults        one fault per round, in order
 * @param pushesPerRound push requests per round (each a batch of {@code pushBatch} records)
 * @param seed          makes the synthetic records and pushes reproducible
 * @param outage        how long the registry stays down in a {@link Fault#REGISTRY_OUTAGE} round
 * @param partitions    partitions of every pipeline topic
 * @param runDir        logs and data of all processes
 * @param settleTimeout how long a round may take to drain and settle after its fault
 */
public record ChaosOptions(int records, List<Fault> faults, int pushesPerRound, int pushBatch, long seed, Duration outage,
                           int partitions, Path runDir, Duration settleTimeout) {

    public static final String USAGE = """
            usage: bin/sobamo-chaos [--records N] [--rounds N] [--pushes N] [--seed N] [--outage-seconds N] [--run-dir DIR]
              --records          synthetic raw records besides the bundled data (default 200000)
              --rounds           rounds, cycling kill normalize, kill aggregate, kill push, broker restart, registry outage (default 5)
              --pushes           push requests per round, 10 records each (default 60)
              --seed             seed of the synthetic load (default 20250101)
              --outage-seconds   registry outage (default 30)
              --run-dir          where the processes' logs and data go (default target/chaos-<time>)""";

    public ChaosOptions {
        faults = List.copyOf(faults);
        if (records < 0 || faults.isEmpty() || pushesPerRound < 1 || pushBatch < 1) {
            throw new IllegalArgumentException("records >= 0, at least one round, pushes >= 1");
        }
    }

    public static ChaosOptions parse(List<String> args, Path defaultRunDir) {
        int records = 200_000;
        int rounds = Fault.CYCLE.size();
        int pushes = 60;
        long seed = 20250101L;
        int outage = 30;
        Path runDir = defaultRunDir;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
            }
            String v = args.get(++i);
            switch (a) {
                case "--records" -> records = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--pushes" -> pushes = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--outage-seconds" -> outage = Integer.parseInt(v);
                case "--run-dir" -> runDir = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        return new ChaosOptions(records, cycle(rounds), pushes, 10, seed, Duration.ofSeconds(outage), 3, runDir,
                Duration.ofMinutes(10));
    }

    static List<Fault> cycle(int rounds) {
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            faults.add(Fault.CYCLE.get(i % Fault.CYCLE.size()));
        }
        return faults;
    }

    public int rounds() {
        return faults.size();
    }
}
