package nl.sobamo.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Command-line options of {@link SobamoLocal}. */
public record LocalRunOptions(boolean stayUp, Path outputDir, Path dataDir, Duration drainTimeout, boolean help) {

    public static final String USAGE = """
            Usage: sobamo-local [--stay-up] [--output DIR] [--data-dir DIR] [--timeout SECONDS]

            Starts an embedded Kafka (KRaft) broker and Apicurio Registry, runs ingest -> normalize -> aggregate over
            the bundled real data (CBS Kerncijfers wijken en buurten 2024, Iv3 jaarrekening 2023), waits until the
            tables are complete, prints a summary and writes the tables as CSV.

              --stay-up         keep the platform and apps running after the summary (Ctrl-C stops), printing the
                                bootstrap servers and registry URL for other consumers
              --output DIR      where the CSV tables go (default: out)
              --data-dir DIR    Kafka and registry data (default: target/sobamo-data; env SOBAMO_DATA_DIR);
                                one run per directory at a time
              --timeout SECONDS how long to wait for the pipeline to drain (default: 300)
            """;

    public static LocalRunOptions parse(List<String> args) {
        boolean stayUp = false;
        boolean help = false;
        Path output = Path.of("out");
        Path dataDir = null;
        Duration timeout = Duration.ofSeconds(300);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--stay-up" -> stayUp = true;
                case "--help", "-h" -> help = true;
                case "--output" -> output = Path.of(value(args, ++i, a));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value(args, ++i, a)));
                default -> throw new IllegalArgumentException("Unknown option '" + a + "'\n\n" + USAGE);
            }
        }
        return new LocalRunOptions(stayUp, output, dataDir, timeout, help);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("Option " + option + " needs a value\n\n" + USAGE);
        }
        return args.get(i);
    }
}
