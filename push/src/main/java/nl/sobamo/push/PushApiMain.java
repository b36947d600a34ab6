package nl.sobamo.push;

import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Runs the push API (and file drop) standalone until the JVM is stopped, configured like every sobamo app
 * ({@link PushApiConfig#load()}: system properties, {@code SOBAMO_*} environment variables, {@code sobamo.config.file}).
 */
public final class PushApiMain {

    private PushApiMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PushApi api = PushApi.start(PushApiConfig.load(), new SimpleMeterRegistry());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            stopped.countDown();
        }, "sobamo-push-shutdown"));
        System.out.println("sobamo push API " + api.describe());
        stopped.await();
    }
}
