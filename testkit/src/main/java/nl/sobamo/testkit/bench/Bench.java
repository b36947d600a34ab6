package nl.sobamo.testkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What the benchmark programs (aggregate, normalize, pull, push end to end, and {@code bin/sobamo-bench} running them
 * all) share: option parsing, consumer-group lag and end offsets read from the broker, percentiles, resident memory.
 * Benchmarks are programs that print numbers, never timed unit tests.
 */
public final class Bench {

    private Bench() {
    }

    /** {@code --key=value}, {@code --key value} and bare {@code --flag} (value "true"). */
    public static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("options are --name=value or --name value, not " + arg);
            }
            String[] kv = arg.substring(2).split("=", 2);
            if (kv.length == 2) {
                opts.put(kv[0], kv[1]);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                opts.put(kv[0], args[++i]);
            } else {
                opts.put(kv[0], "true");
            }
        }
        return opts;
    }

    /** Committed offsets of {@code group} against the end offsets of the topics {@code inputs} accepts. */
    public static long committedLag(Admin admin, String group, Predicate<String> inputs)
            throws ExecutionException, InterruptedException {
        Set<String> topics = admin.listTopics().names().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics.stream().filter(inputs).toList()).allTopicNames().get().values()
                .forEach(d -> d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (var e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue().offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    /** Sum of the end offsets per topic (records plus transaction markers). */
    public static Map<String, Long> endOffsets(Admin admin, List<String> topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values()
                .forEach(d -> d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<String, Long> sums = new LinkedHashMap<>();
        topics.forEach(t -> sums.put(t, 0L));
        admin.listOffsets(latest).all().get().forEach((tp, info) -> sums.merge(tp.topic(), info.offset(), Long::sum));
        return sums;
    }

    /** Newest record timestamp on the topics. */
    public static long newestTimestamp(Admin admin, List<String> topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values()
                .forEach(d -> d.partitions().forEach(p -> spec.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.maxTimestamp())));
        return admin.listOffsets(spec).all().get().values().stream().mapToLong(i -> i.timestamp()).max().orElseThrow();
    }

    /** Nearest-rank percentile ({@code p} in 0..100) of the values; -1 when there are none. */
    public static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        long[] s = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    /** "n=.. p50 .. p90 .. p99 .. max .." of millisecond values. */
    public static String summary(List<Long> ms) {
        if (ms.isEmpty()) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "n=%d p50 %d, p90 %d, p99 %d, max %d", ms.size(), percentile(ms, 50),
                percentile(ms, 90), percentile(ms, 99), percentile(ms, 100));
    }

    /** Resident set size of a process in MB from {@code /proc/<pid>/status} (VmRSS); 0 where there is no /proc. */
    public static double rssMb(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Resident set size of this JVM in MB. */
    public static double ownRssMb() {
        return rssMb(ProcessHandle.current().pid());
    }
}
