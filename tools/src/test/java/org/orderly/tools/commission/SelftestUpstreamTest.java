package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.store.StoreException;
import org.orderly.gateway.store.StoreLock;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.Mosquitto;
import org.orderly.tools.testing.OrderlyRun;
import org.orderly.tools.testing.TestCertificates;

/**
 * {@code orderly selftest} connects to the upstream broker once, as the gateway would (its client id, TLS and login),
 * and says in one line whether the broker took it and, if not, what to check; against a real Mosquitto 2 on
 * 127.0.0.1. The connection has no will and publishes nothing: the grid's retained state stays as it was. The
 * configuration's meter answers nowhere here: its row fails, as in any rig without it. Its pile is one bridge on loopback
 * for the whole class, which answers: a pile answering nowhere held each run for its --wait-s (5 s; 20 s in the silent
 * broker's case), which the broker's line does not depend on (SelftestUpstreamFirstTest has a silent pile beside the
 * broker). Until 2026-12-07 it answered nowhere, and the class took a minute.
 */
@Timeout(120)
class SelftestUpstreamTest {
    private static final Path DEVICES = Path.of("../config/devices").toAbsolutePath().normalize();
    private static final String STATE = "orderly/v1/rig/state";

    private static Bridge pile;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPile() throws Exception {
        pile = new Bridge("p1");
    }

    @AfterAll
    static void stopPile() {
        pile.close();
    }

    private Path config(String upstream) throws Exception {
        return SelftestYaml.pileAt(dir, pile.port(), upstream);
    }

    private static OrderlyRun selftest(Path config) {
        return OrderlyRun.of("selftest", "--config", config.toString(), "--devices", DEVICES.toString(), "--wait-s", "5");
    }

    private static String upstreamLine(OrderlyRun r) {
        return r.out().lines().filter(l -> l.startsWith("upstream")).findFirst().orElse("(no upstream line) " + r.out()
                + r.err());
    }

    @Test
    void aBrokerThatTakesTheConnectionPassesAndItsRetainedStateStaysAsItWas() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            publishRetained(broker.url(), "{\"state\":\"online\",\"seq\":7}");
            OrderlyRun r = selftest(config("upstream: { broker: \"" + broker.url() + "\", plaintext: true }\n"));

            assertThat(upstreamLine(r)).isEqualTo("upstream " + broker.url() + ": PASS: connected as rig over mqtt5 in "
                    + "plaintext, subscribed to its command topics, then disconnected (no will, nothing published)");
            assertThat(retained(broker)).isEqualTo("{\"state\":\"online\",\"seq\":7}");
            assertThat(broker.log()).contains(" as rig ").doesNotContain("Will message specified");
            assertThat(r.exit()).as("the meter fails here").isEqualTo(1);
        }
    }

    @Test
    void aWrongPasswordFailsSayingWrongCredentials() throws Exception {
        Path brokerPasswords = Mosquitto.passwordFile(dir.resolve("broker-passwords"), "rig", "right-pw-2026");
        Files.writeString(dir.resolve("broker.pw"), "wrong-pw-2026\n");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("password_file " + brokerPasswords))) {
            OrderlyRun r = selftest(config("upstream: { broker: \"" + broker.url() + "\", plaintext: true, username: rig,"
                    + " passwordFile: broker.pw }\n"));

            assertThat(upstreamLine(r)).startsWith("upstream " + broker.url() + ": FAIL: refused: wrong credentials: check "
                    + "upstream.username (rig) and the password in upstream.passwordFile against the broker's account");
            assertThat(r.out() + r.err()).doesNotContain("wrong-pw-2026").doesNotContain("right-pw-2026");
            assertThat(r.exit()).isEqualTo(1);
        }
    }

    @Test
    void aCertificateFromACaNotGivenFailsOnTlsAndTheRightCaPasses() throws Exception {
        TestCertificates certs = TestCertificates.make(Files.createDirectories(dir.resolve("certs")));
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), certs.mosquittoListener())) {
            OrderlyRun refused = selftest(config("upstream: { broker: \"" + broker.sslUrl() + "\", tls: { caFile: "
                    + certs.otherCa() + " } }\n"));
            assertThat(upstreamLine(refused)).startsWith("upstream " + broker.sslUrl() + ": FAIL: TLS: the certificate was "
                    + "refused: check that upstream.tls.caFile holds the CA that signed the broker's certificate");

            OrderlyRun taken = selftest(config("upstream: { broker: \"" + broker.sslUrl() + "\", tls: { caFile: "
                    + certs.ca() + " } }\n"));
            assertThat(upstreamLine(taken)).startsWith("upstream " + broker.sslUrl() + ": PASS: connected as rig over mqtt5"
                    + " with TLS");
        }
    }

    @Test
    void aPortWhereNothingListensFailsAsUnreachable() throws Exception {
        int port = LoopbackPorts.free();
        OrderlyRun r = selftest(config("upstream: { broker: \"tcp://127.0.0.1:" + port + "\", plaintext: true }\n"));

        assertThat(upstreamLine(r)).startsWith("upstream tcp://127.0.0.1:" + port + ": FAIL: unreachable: check "
                + "upstream.broker: nothing listens at 127.0.0.1:" + port + " (its host and port; the broker running); ");
    }

    @Test
    void withoutAnUpstreamSectionTheLineIsASkip() throws Exception {
        OrderlyRun r = selftest(config(""));

        assertThat(upstreamLine(r)).isEqualTo("upstream: SKIP: no upstream section, the gateway runs without a broker");
    }

    @Test
    void whileAGatewayHoldsTheStoreTheBrokerIsNotConnectedTo() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            Path config = config("upstream: { broker: \"" + broker.url() + "\", plaintext: true }\n");
            Path store = Files.createDirectories(dir.resolve("data")).resolve("orderly.db");
            try (StoreLock held = StoreLock.take(store)) {
                OrderlyRun r = selftest(config);
                assertThat(upstreamLine(r)).startsWith("upstream " + broker.url() + ": SKIP: a gateway runs on this "
                        + "configuration (pid " + ProcessHandle.current().pid() + ", this process");
            }
            assertThat(broker.log()).doesNotContain(" as rig ");
        }
    }

    @Test
    void whileAGatewayInAnotherProcessHoldsTheStoreTheBrokerIsNotConnectedTo() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            Path config = config("upstream: { broker: \"" + broker.url() + "\", plaintext: true }\n");
            Path store = Files.createDirectories(dir.resolve("data")).resolve("orderly.db");
            try (ChildProcess gateway = ChildProcess.startJava("a gateway", dir, List.of(), GatewayLock.class.getName(),
                    List.of(store.toString(), "hold"), dir.resolve("gateway.log"))) {
                gateway.awaitLog("held", Duration.ofSeconds(60));
                OrderlyRun r = selftest(config);
                assertThat(upstreamLine(r)).startsWith("upstream " + broker.url() + ": SKIP: a gateway runs on this "
                        + "configuration (pid " + gateway.pid() + ", holding its store " + store + ")");
            }
            assertThat(broker.log()).doesNotContain(" as rig ");
        }
    }

    /**
     * A gateway starting while selftest is connected as its client id is refused its store, once (systemd starts it
     * again), rather than starting and being thrown off the broker by selftest's connection (its will published):
     * selftest holds the store's lock, shared, through the connection. The broker here takes the connection and never
     * answers it, so the gateway's start comes while it is open.
     */
    @Test
    void aGatewayStartingWhileTheBrokerIsConnectedToIsRefusedItsStore() throws Exception {
        Path store = Files.createDirectories(dir.resolve("data")).resolve("orderly.db");
        StoreLock.take(store).close();
        Path go = dir.resolve("go");
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             ChildProcess gateway = ChildProcess.startJava("a gateway", dir, List.of(), GatewayLock.class.getName(),
                     List.of(store.toString(), "take", go.toString()), dir.resolve("gateway.log"))) {
            gateway.awaitLog("waiting", Duration.ofSeconds(60));
            silent.setSoTimeout((int) Duration.ofSeconds(90).toMillis());
            String url = "tcp://127.0.0.1:" + silent.getLocalPort();
            Path config = config("upstream: { broker: \"" + url + "\", plaintext: true }\n");
            // --wait-s bounds the broker's answer: the silent broker holds the connection open while the gateway starts.
            CompletableFuture<OrderlyRun> run = CompletableFuture.supplyAsync(() -> OrderlyRun.of("selftest", "--config",
                    config.toString(), "--devices", DEVICES.toString(), "--wait-s", "20"));
            try (Socket connected = silent.accept()) {
                Files.writeString(go, "");
                assertThat(gateway.awaitExit(Duration.ofSeconds(60))).as(gateway.log()).isZero();
                assertThat(gateway.log()).as("the gateway started while selftest was connected as its client id")
                        .contains("refused: store " + store + " is held for a moment by another command, not a gateway");
            }
            assertThat(upstreamLine(run.get(60, TimeUnit.SECONDS))).startsWith("upstream " + url + ": FAIL: ");
        }
    }

    /**
     * A gateway's lock of its store in a process of its own: {@code hold} it until killed, or {@code take} it once (when
     * the file named third is there, if one is).
     */
    public static final class GatewayLock {
        private GatewayLock() {
        }

        public static void main(String[] args) throws InterruptedException {
            if (args.length > 2) {
                // Started ahead, so that its JVM's start is not in the test's way: it takes the lock once told to.
                System.out.println("waiting");
                System.out.flush();
                while (!Files.exists(Path.of(args[2]))) {
                    Thread.sleep(20);
                }
            }
            try (StoreLock lock = StoreLock.take(Path.of(args[0]))) {
                System.out.println("take".equals(args[1]) ? "taken" : "held");
                System.out.flush();
                if ("hold".equals(args[1])) {
                    Thread.sleep(Duration.ofMinutes(5).toMillis());
                }
            } catch (StoreException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }

    @Test
    void aConfigurationWithProblemsEndsWithCheckConfigsCountLine() throws Exception {
        Path config = Files.writeString(dir.resolve("orderly.yaml"), "gatewayId: rig\ncompund: {}\n");

        OrderlyRun selftest = selftest(config);
        OrderlyRun check = OrderlyRun.of("check-config", config.toString(), "--devices", DEVICES.toString());

        assertThat(selftest.exit()).isEqualTo(2);
        List<String> counted = check.err().lines().filter(l -> l.startsWith(config + ": ")).toList();
        assertThat(counted).hasSize(1);
        assertThat(selftest.err().lines().toList()).as(selftest.err()).endsWith(counted.get(0));
    }

    private static void publishRetained(String url, String payload) throws Exception {
        MqttClient c = new MqttClient(url, "grid-side", new MemoryPersistence());
        c.connect();
        c.publish(STATE, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, true, null));
        c.disconnect();
        c.close();
    }

    /** The retained message on the state topic, as Debian's mosquitto_sub, an independent client, reads it. */
    private static String retained(Mosquitto broker) throws Exception {
        Process p = new ProcessBuilder(ExternalTools.requireProgram("mosquitto_sub", "mosquitto-clients"), "-h", "127.0.0.1",
                "-p", String.valueOf(broker.port()), "-t", STATE, "-C", "1", "-W", "10").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
