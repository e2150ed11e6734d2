package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * One `orderly aggregate` with its default options, restarted (a clean stop, then a crash) while a gateway publishes
 * numbered messages all along: each run resumes the session of the run before, so the messages the broker kept for
 * it meanwhile, and the share group's turns, are not left to a dead session. Nothing is lost.
 */
class RestartTest {
    private static final String GATEWAY = "gw-restart";

    @TempDir
    Path dir;

    @Test
    void aRestartedInstanceWithDefaultOptionsLosesNothing() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            MqttClient gw = new MqttClient(broker.url(), GATEWAY, new MemoryPersistence());
            gw.connect();
            AtomicLong published = new AtomicLong();
            AtomicBoolean publishing = new AtomicBoolean(true);
            Thread publisher = new Thread(() -> publishWhile(publishing, gw, published), "restart-test-publisher");
            AtomicReference<Throwable> publisherFailure = new AtomicReference<>();
            publisher.setUncaughtExceptionHandler((thread, failure) -> publisherFailure.set(failure));
            Process run = startProcess(broker, 1);
            try {
                publisher.start();
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> journalledSeqs().size() >= 20);
                run.destroy(); // SIGTERM: a clean stop
                assertThat(run.waitFor(20, TimeUnit.SECONDS)).as("run 1 stopped").isTrue();
                Thread.sleep(500); // the gateway goes on while no instance runs
                run = startProcess(broker, 2);
                long atStart = published.get();
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> published.get() >= atStart + 50);
                run.destroyForcibly(); // SIGKILL: a crash
                assertThat(run.waitFor(20, TimeUnit.SECONDS)).as("run 2 killed").isTrue();
                Thread.sleep(500);
                run = startProcess(broker, 3);
                long atRestart = published.get();
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> published.get() >= atRestart + 50);
                // Not an interrupt: that can cut a publish short after its message went out, uncounted.
                publishing.set(false);
                publisher.join(10_000);
                assertThat(publisher.isAlive()).as("publisher stopped").isFalse();
                assertThat(publisherFailure.get()).as("the publisher's failure").isNull();
                long sent = published.get();
                try {
                    SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(30), () -> journalledSeqs().size() == sent);
                } catch (AssertionError e) {
                    Set<Long> journalled = journalledSeqs();
                    Set<Long> missing = new TreeSet<>();
                    for (long seq = 0; seq < sent; seq++) {
                        missing.add(seq);
                    }
                    missing.removeAll(journalled);
                    throw new AssertionError(missing.size() + " of " + sent + " messages not journalled by any run: "
                            + missing.stream().limit(20).toList() + "; journalled but never published: "
                            + journalled.stream().filter(seq -> seq >= sent).limit(20).toList(), e);
                }
            } finally {
                publishing.set(false);
                run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                gw.disconnect();
                gw.close();
            }
        }
    }

    private static void publishWhile(AtomicBoolean publishing, MqttClient gw, AtomicLong published) {
        try {
            while (publishing.get()) {
                long seq = published.get();
                gw.publish(TelemetryJson.topic(GATEWAY), TelemetryJson.of(GATEWAY, seq, Instant.now(), 1)
                        .getBytes(StandardCharsets.UTF_8), 1, false);
                published.incrementAndGet();
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    /** `orderly aggregate` with the defaults (client id, group, session expiry), the same files in every run. */
    private Process startProcess(Mosquitto broker, int runNumber) throws Exception {
        return AggregateProcess.start(broker.url(), dir, journal(), dir.resolve("run-" + runNumber + ".log"));
    }

    private Path journal() {
        return dir.resolve("j.jsonl");
    }

    /** The distinct seqs journalled by all runs. */
    private Set<Long> journalledSeqs() {
        return AggregateProcess.journalledSeqs(journal());
    }
}
