package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.Mosquitto;

/**
 * The broker's Receive Maximum changes to one Paho 1.2.5 misreads (Mosquitto restarted on the same loopback port with
 * {@code max_inflight_messages 40000}) while `orderly aggregate` runs: Paho keeps the misread number per client and
 * fails that client's next CONNACK, so each reconnect after such a connection is made with a new client. The instance
 * takes what the gateway sends after every restart, the second one too (with one client it never connected again).
 */
class ReceiveMaximumChangeTest {
    private static final String GATEWAY = "gw-rm";
    private static final List<String> MISREAD = List.of("max_inflight_messages 40000");

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void aReceiveMaximumPahoMisreadsIsCarriedThroughEveryReconnect() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            Path log = dir.resolve("aggregate.log");
            Process run = AggregateProcess.start(broker.url(), dir, journal(), log);
            try {
                sendAndAwait(broker, 0);

                broker.restartWith(MISREAD);
                SharedSubscriptionTest.awaitTrue(Duration.ofSeconds(60), () -> read(log).contains(
                        "reconnected to " + broker.url() + ", but the broker announced a Receive Maximum of 40000"));
                sendAndAwait(broker, 1);

                broker.restartWith(MISREAD); // the reconnect a single client never made
                sendAndAwait(broker, 2);

                broker.restartWith(List.of()); // back to Mosquitto's 100 (the testkit's)
                sendAndAwait(broker, 3);

                assertThat(run.isAlive()).as("aggregate still runs; its log: %s", read(log)).isTrue();
                assertThat(read(log)).as("the WARN, once per connection that met it")
                        .contains("each reconnect is made with a new MQTT client meanwhile (set the broker's to 32767"
                                + " or less (Mosquitto: max_inflight_messages; 0 for none))")
                        .doesNotContain("Illegal Capacity");
            } finally {
                run.destroy();
                run.waitFor(20, TimeUnit.SECONDS);
                run.destroyForcibly();
            }
        }
    }

    /**
     * The gateway publishes telemetry {@code seq} with mosquitto_pub (a Paho v5 client is refused every publish by Paho
     * itself while the broker announces 40000), again each second until it is journalled: until the instance has
     * reconnected and renewed its subscription, the restarted broker (no persistence) gives it to no one.
     */
    private void sendAndAwait(Mosquitto broker, long seq) throws Exception {
        String pub = ExternalTools.requireProgram("mosquitto_pub", "mosquitto-clients");
        String payload = TelemetryJson.of(GATEWAY, seq, Instant.now(), 1);
        Instant until = Instant.now().plus(Duration.ofSeconds(90));
        while (!journalledSeqs().contains(seq)) {
            assertThat(Instant.now()).as("telemetry %d journalled; the log: %s", seq, read(dir.resolve(
                    "aggregate.log"))).isBefore(until);
            Process p = new ProcessBuilder(pub, "-h", "127.0.0.1", "-p", String.valueOf(broker.port()), "-q", "1",
                    "-t", TelemetryJson.topic(GATEWAY), "-m", payload).redirectErrorStream(true).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("mosquitto_pub ended").isTrue();
            Thread.sleep(1_000);
        }
    }

    private Path journal() {
        return dir.resolve("j.jsonl");
    }

    private Set<Long> journalledSeqs() {
        return AggregateProcess.journalledSeqs(journal());
    }

    private static String read(Path log) {
        return AggregateProcess.read(log);
    }
}
