package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.Mosquitto;

/**
 * What happens to an instance's share when it dies (SIGKILL of a real `orderly aggregate` process) on Mosquitto 2:
 * with session expiry 0 the survivor takes every later message; with a session expiry the broker keeps the dead
 * instance's share in its session and hands it over when the instance returns under the same client id. Either way
 * the union loses nothing.
 */
class TakeoverTest {
    private static final int MESSAGES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Mosquitto broker;
    private MqttClient publisher;

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(dir);
        publisher = new MqttClient(broker.url(), "takeover-publisher", new MemoryPersistence());
        publisher.connect();
    }

    @AfterEach
    void stop() throws Exception {
        publisher.disconnect();
        publisher.close();
        broker.close();
    }

    @Test
    void withoutASessionTheSurvivorTakesEverythingAtOnce() throws Exception {
        try (AggregateInstance a = new AggregateInstance(broker.url(), "survivor", "g0", dir)) {
            Process b = startProcess("victim", "g0", 0);
            try {
                publishRound(0, MESSAGES); // both share these
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> journalled("victim").size()
                        + a.counters().accepted() >= MESSAGES);
                b.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                Thread.sleep(500); // the broker sees the socket close
                long before = a.counters().accepted();
                publishRound(MESSAGES, MESSAGES);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> a.counters().accepted() - before
                        == MESSAGES);
            } finally {
                b.destroyForcibly();
            }
            assertThat(union(a, "victim")).hasSize(2 * MESSAGES);
        }
    }

    @Test
    void withASessionTheDeadInstancesShareWaitsForItsReturn() throws Exception {
        try (AggregateInstance a = new AggregateInstance(broker.url(), "steady", "g1", dir)) {
            Process b = startProcess("returner", "g1", 300);
            publishRound(0, MESSAGES);
            SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(20), () -> journalled("returner").size()
                    + a.counters().accepted() >= MESSAGES);
            b.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(500);
            long before = a.counters().accepted();
            publishRound(MESSAGES, MESSAGES);
            Thread.sleep(1000);
            long survivorGot = a.counters().accepted() - before;
            assertThat(survivorGot).as("the survivor's part of the second round").isLessThan(MESSAGES);

            Process back = startProcess("returner", "g1", 300);
            try {
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(30), () -> union(a, "returner").size()
                        == 2 * MESSAGES);
            } finally {
                back.destroy();
                back.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void publishRound(int firstSeq, int count) throws Exception {
        Instant now = Instant.now();
        for (int seq = firstSeq; seq < firstSeq + count; seq++) {
            publisher.publish(TelemetryJson.topic("gw-t"), TelemetryJson.of("gw-t", seq, now, 1)
                    .getBytes(StandardCharsets.UTF_8), 1, false);
        }
    }

    /** `orderly aggregate` in a JVM of its own, so it can be killed like a crashed server. */
    private Process startProcess(String clientId, String group, int sessionExpiry) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve(clientId + "-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.orderly.tools.OrderlyCommand", "aggregate", "--broker", broker.url(), "--plaintext",
                "--client-id", clientId, "--group", group, "--session-expiry", Integer.toString(sessionExpiry),
                "--out", dir.resolve(clientId + ".csv").toString(), "--journal", journal(clientId).toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(30), () -> contains(log, "aggregate " + clientId
                + ": group") || !p.isAlive());
        assertThat(p.isAlive()).as("aggregate process; its log: " + log).isTrue();
        return p;
    }

    private Path journal(String clientId) {
        return dir.resolve(clientId + ".jsonl");
    }

    private List<String> journalled(String clientId) {
        try {
            return Files.exists(journal(clientId)) ? Files.readAllLines(journal(clientId)) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> union(AggregateInstance a, String other) {
        Set<String> ids = new HashSet<>();
        try {
            a.journalled().forEach(j -> ids.add(j.get("id").textValue()));
            for (String line : journalled(other)) {
                ids.add(JSON.readTree(line).get("id").textValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static boolean contains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
