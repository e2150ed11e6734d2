package org.orderly.tools.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.Mosquitto;
import org.orderly.tools.testing.OrderlyRun;

class AggregateCommandTest {
    @TempDir
    Path dir;

    @Test
    void plaintextNeedsToBeAskedFor() {
        OrderlyRun r = OrderlyRun.of("aggregate", "--broker", "tcp://127.0.0.1:1", "--out", dir.resolve("o.csv").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("aggregate: --broker tcp://127.0.0.1:1 is plaintext MQTT; use ssl:// with"
                + " --ca, or add --plaintext to accept an unencrypted connection");
    }

    @Test
    void badArgumentsGetOneLineAndExitTwo() throws Exception {
        String out = dir.resolve("o.csv").toString();
        assertThat(OrderlyRun.of("aggregate", "--broker", "http://x", "--out", out).err().strip())
                .isEqualTo("aggregate: --broker http://x: expected ssl://host:port or tcp://host:port");
        assertThat(OrderlyRun.of("aggregate", "--broker", "tcp://127.0.0.1:1", "--plaintext", "--out", out, "--format", "xml")
                .err().strip()).isEqualTo("aggregate: --format xml: expected csv or jsonl");
        assertThat(OrderlyRun.of("aggregate", "--broker", "tcp://127.0.0.1:1", "--plaintext", "--out", out, "--group", "a/b")
                .err().strip()).isEqualTo("aggregate: --group 'a/b' must match [A-Za-z0-9._-]{1,64}");
        OrderlyRun bucket = OrderlyRun.of("aggregate", "--broker", "tcp://127.0.0.1:1", "--plaintext", "--out", out, "--bucket", "soon");
        assertThat(bucket.exit()).isEqualTo(2);
        assertThat(bucket.err()).contains("'soon' is not a duration; write e.g. 30s, 1m, 15m, 1h or PT1M");
        Path empty = Files.writeString(dir.resolve("pw"), "\n");
        assertThat(OrderlyRun.of("aggregate", "--broker", "ssl://127.0.0.1:1", "--password-file", empty.toString(), "--out", out)
                .err().strip()).isEqualTo("aggregate: --password-file " + empty + ": the first line is empty");
        assertThat(Files.exists(dir.resolve("o.csv"))).as("nothing written on bad arguments").isFalse();
    }

    /**
     * A broker address the MQTT client cannot connect to is bad input, exit 2, as the gateway's upstream.broker is. Until
     * 2026-12-04 the connect failed on it, exit 1: "Untranslated MqttException - RC: 0 (port out of range:88830)", and
     * for a mistyped address "Unable to make field private transient java.lang.String java.net.URI.userInfo
     * accessible".
     */
    @Test
    void aBrokerAddressTheClientCannotUseIsBadInput() {
        String out = dir.resolve("o.csv").toString();
        OrderlyRun port = OrderlyRun.of("aggregate", "--broker", "ssl://127.0.0.1:88830", "--out", out);
        assertThat(port.exit()).as(port.err()).isEqualTo(2);
        assertThat(port.err().strip()).isEqualTo("aggregate: --broker ssl://127.0.0.1:88830: port 88830 is not within 1..65535");
        OrderlyRun host = OrderlyRun.of("aggregate", "--broker", "ssl://127.0.0.300:8883", "--out", out);
        assertThat(host.exit()).as(host.err()).isEqualTo(2);
        assertThat(host.err().strip()).isEqualTo("aggregate: --broker ssl://127.0.0.300:8883: its host '127.0.0.300' is "
                + "neither an IPv4 address (four numbers, each 0..255) nor a host name (letters, digits, '-' and '.')");
        assertThat(Files.exists(dir.resolve("o.csv"))).as("nothing written on bad arguments").isFalse();
    }

    @Test
    void aMissingCaFileIsBadInputNamedBeforeTheBrokerIsTried() throws Exception {
        // Until it was checked first, the TLS set-up failed on it: "connecting to ssl://... failed: PATH", exit 1.
        String out = dir.resolve("o.csv").toString();
        Path ca = dir.resolve("grid-ca.pem");
        OrderlyRun r = OrderlyRun.of("aggregate", "--broker", "ssl://127.0.0.1:" + LoopbackPorts.free(), "--ca", ca.toString(),
                "--out", out);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("aggregate: --ca " + ca + ": no such file");
        OrderlyRun d = OrderlyRun.of("aggregate", "--broker", "ssl://127.0.0.1:" + LoopbackPorts.free(), "--ca", dir.toString(),
                "--out", out);
        assertThat(d.exit()).as(d.err()).isEqualTo(2);
        assertThat(d.err().strip()).isEqualTo("aggregate: --ca " + dir + ": is a directory, not a file");
        assertThat(Files.exists(dir.resolve("o.csv"))).as("nothing written on bad arguments").isFalse();
    }

    /**
     * A broker that speaks only MQTT 3.1.1 (the demo's Moquette) answers aggregate's v5 CONNECT with a return code
     * Paho calls "Invalid Return code"; the line says what that means for the grid side.
     */
    @Test
    void aBrokerWithoutMqttV5IsSaidSo() throws Exception {
        try (org.orderly.tools.demo.DemoBroker broker = org.orderly.tools.demo.DemoBroker.start("127.0.0.1", 0,
                dir.resolve("broker"))) {
            OrderlyRun r = OrderlyRun.of("aggregate", "--broker", broker.url(), "--plaintext", "--out",
                    dir.resolve("load.csv").toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err().strip()).startsWith("aggregate: connecting to " + broker.url())
                    .contains("did not take an MQTT v5 connection").contains("shared subscription")
                    .doesNotContain("Invalid Return code").doesNotContain("\n");
        }
    }

    /**
     * Paho 1.2.5 reads a Receive Maximum of 32768 to 65534 as negative: aggregate publishes nothing, so nothing is refused,
     * but the client's next CONNACK fails on Paho's thread. The instance runs, says so in a WARN with what to change (the
     * gateway's words, {@code PahoReceiveMaximum}), and reconnects with a new client ({@code ReceiveMaximumChangeTest}).
     * Until 2026-12-04 it was refused at the start, exit 1.
     */
    @Test
    void aReceiveMaximumPahoMisreadsIsSaidAtTheStartAndTheInstanceRuns() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("max_inflight_messages 40000"))) {
            OrderlyRun r = OrderlyRun.of("aggregate", "--broker", broker.url(), "--plaintext", "--out",
                    dir.resolve("load.csv").toString(), "--for", "3s");
            assertThat(r.exit()).as("ran its 3 s: %s", r.err()).isEqualTo(0);
            assertThat(r.err()).as("no refusal").doesNotContain("Receive Maximum");
        }
    }

    @Test
    void aPasswordFileEveryLocalUserCanReadIsWarnedAbout() throws Exception {
        // A test directory is the test user's only; the warning is for a file others can reach.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path pw = Files.writeString(dir.resolve("open-pw"), "secret\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-rw-r--"));
        OrderlyRun r = OrderlyRun.of("aggregate", "--broker", "tcp://127.0.0.1:1", "--plaintext", "--password-file",
                pw.toString(), "--username", "grid", "--out", dir.resolve("pw.csv").toString());
        assertThat(r.exit()).as("the broker cannot be reached").isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.contains("every local user"))).containsExactly("aggregate: "
                + "--password-file " + pw + " can be read by every local user (mode rw-rw-r--); it holds a secret: "
                + "chmod o-r " + pw);
    }

    @Test
    void anUnreachableBrokerIsOneLineAndExitOne() throws Exception {
        int port = LoopbackPorts.free();
        OrderlyRun r = OrderlyRun.of("aggregate", "--broker", "tcp://127.0.0.1:" + port, "--plaintext", "--out",
                dir.resolve("o.csv").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("aggregate: connecting to tcp://127.0.0.1:" + port + " as aggregate-");
    }

    @Test
    void theCommandExportsBucketRowsAsJsonLines() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            Path out = dir.resolve("rows.jsonl");
            CompletableFuture<OrderlyRun> running = CompletableFuture.supplyAsync(() -> OrderlyRun.of("aggregate", "--broker",
                    broker.url(), "--plaintext", "--client-id", "cli", "--group", "cli", "--bucket", "1s",
                    "--grace", "0s", "--format", "jsonl", "--out", out.toString(), "--for", "4s"));
            MqttClient publisher = new MqttClient(broker.url(), "cli-publisher", new MemoryPersistence());
            publisher.connect();
            // Publish a round per 200 ms until the command stops, so the buckets after its subscription are full.
            for (long seq = 0; !running.isDone(); seq++) {
                Instant ts = Instant.now();
                for (int g = 0; g < 3; g++) {
                    publisher.publish(TelemetryJson.topic("gw-" + g), TelemetryJson.of("gw-" + g, seq, ts, 10)
                            .getBytes(StandardCharsets.UTF_8), 1, false);
                }
                Thread.sleep(200);
            }
            publisher.disconnect();
            publisher.close();
            OrderlyRun r = running.get();

            assertThat(r.exit()).isEqualTo(0);
            assertThat(r.out()).contains("aggregate cli: group cli on " + broker.url());
            List<String> rows = Files.readAllLines(out);
            assertThat(rows).anySatisfy(row -> assertThat(row).contains("\"gateways\":3").contains("\"evKw\":30.0")
                    .contains("\"transformerKw\":330.0").contains("\"instance\":\"cli\""));
        }
    }

    @Test
    void withAJournalTheMessagesNotTakenAreKeptBesideIt() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            Path journal = dir.resolve("agg.jsonl");
            CompletableFuture<OrderlyRun> running = CompletableFuture.supplyAsync(() -> OrderlyRun.of("aggregate",
                    "--broker", broker.url(), "--plaintext", "--client-id", "cli-dead", "--group", "cli-dead",
                    "--out", dir.resolve("rows.csv").toString(), "--journal", journal.toString(), "--for", "3s"));
            MqttClient publisher = new MqttClient(broker.url(), "cli-dead-publisher", new MemoryPersistence());
            publisher.connect();
            // Until the command stops, so that some arrive after its subscription.
            for (long seq = 0; !running.isDone(); seq++) {
                publisher.publish(TelemetryJson.topic("gw-0"), TelemetryJson.of(2, "gw-0", seq, Instant.now(), 1)
                        .getBytes(StandardCharsets.UTF_8), 1, false);
                Thread.sleep(200);
            }
            publisher.disconnect();
            publisher.close();

            assertThat(running.get().exit()).isEqualTo(0);
            assertThat(Files.readAllLines(dir.resolve("agg.jsonl.dead-letter"))).isNotEmpty().allSatisfy(line ->
                    assertThat(line).contains("\"kind\":\"rejected\"")
                            .contains("\"reason\":\"contract version v=2 is not supported; this consumer reads v=1\""));
            assertThat(Files.readAllLines(journal)).isEmpty();
        }
    }

    /** An export begun by a version with other columns is not continued with rows that do not match its header. */
    @Test
    void anExportWithAnotherHeaderIsRefusedInOneLineAndLeftAsItWas() throws Exception {
        String before = "start,end,instance,gateways,transformerUnknown,transformerKw,baseKw,evKw,limitKw,shedKw,addKw,"
                + "accepted,rejected,duplicates,openGaps,late\n"
                + "2026-11-29T12:00:00Z,2026-11-29T12:01:00Z,agg,1,0,110.000,100.000,10.000,400.000,10.000,290.000,1,0,0,0,0\n";
        Path out = Files.writeString(dir.resolve("rows.csv"), before);
        refusedInOneLineAndLeftAsItWas(out, before);
    }

    /**
     * Nor one begun by the version before the last column came (baseKindUnknownKw, 2026-12-06; baseBoundKw before it,
     * that day too; outboxDropped, 2026-12-01): new columns are appended last, and the old header is refused in one
     * line rather than continued.
     */
    @Test
    void anExportWithTheHeaderBeforeTheLastColumnIsRefused() throws Exception {
        String before = "start,end,instance,gateways,transformerUnknown,transformerKw,baseKw,evKw,limitKw,shedKw,addKw,"
                + "accepted,rejected,duplicates,openGaps,late,outboxSetAside,outboxTrimmed,outboxTimeUnknown,"
                + "storeMovedAside,outboxDropped,baseBoundKw\n";
        assertThat(ExportFormat.CSV.header() + "\n").as("new columns come last").startsWith(before.strip())
                .isNotEqualTo(before);
        Path out = Files.writeString(dir.resolve("rows-before.csv"), before);
        refusedInOneLineAndLeftAsItWas(out, before);
    }

    private void refusedInOneLineAndLeftAsItWas(Path out, String before) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            OrderlyRun r = OrderlyRun.of("aggregate", "--broker", broker.url(), "--plaintext", "--client-id", "old",
                    "--out", out.toString(), "--for", "1s");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().strip()).isEqualTo("aggregate: cannot open " + out + ": its first line is not the"
                    + " header of the columns this version writes (" + ExportFormat.CSV.header() + "); move it away"
                    + " or give another file");
        }
        assertThat(Files.readString(out)).isEqualTo(before);
    }
}
