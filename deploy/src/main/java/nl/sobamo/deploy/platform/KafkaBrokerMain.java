package nl.sobamo.deploy.platform;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded KRaft broker as a process of its own: {@code KafkaBrokerMain <dataDir> <port>}. The process-level
 * harness ({@code nl.sobamo.deploy.process}) runs it so that killing the broker kills nothing else, and a restart on
 * the same data directory and port is a real restart (log recovery, the same cluster id, clients reconnecting).
 * Prints {@value #READY_PREFIX}{@code <bootstrap servers>} once an admin client got an answer.
 */
public final class KafkaBrokerMain {

    public static final String READY_PREFIX = "KAFKA READY ";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: KafkaBrokerMain <dataDir> <port>");
            System.exit(2);
            return;
        }
        EmbeddedKafka kafka = new EmbeddedKafka(Path.of(args[0]), Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        kafka.start();
        System.out.println(READY_PREFIX + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
