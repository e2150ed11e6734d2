package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.BrokerCheck;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * The running gateway's {@code upstream: cannot connect to} line tells "no TCP connection" from "no answer" as
 * selftest's broker row does, in the same words: a real Mosquitto on 127.0.0.1 stopped (nothing listens: refused) and
 * paused (SIGSTOP: its kernel takes the connection, nothing answers the CONNECT), a silent TCP listener on 127.0.0.1
 * (takes the connection, says nothing) and one whose accept queue is full (Linux drops the SYNs after backlog + 1, as a
 * firewall does). Until 2026-12-07 the gateway's line for the last three was the MQTT client's words alone.
 */
@Timeout(120)
class UpstreamNoConnackLineTest {
    private static final Duration CONNACK = Duration.ofSeconds(1);
    private static final LinkTimings TIMINGS = UpstreamRig.QUICK_RETRIES.withConnack(CONNACK);
    private static final String GW = "gw-no-connack";
    /** The MQTT client's own TCP connect timeout where that is what ends the attempts (the gateway's is 10 s). */
    private static final Duration CLIENT_CONNECT = Duration.ofSeconds(1);
    @TempDir
    Path dir;

    @Test
    void aStoppedMosquittoIsSaidAsNothingListening() throws Exception {
        String url;
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            url = broker.url();
        }
        String where = URI.create(url).getHost() + ":" + URI.create(url).getPort();
        assertThat(gatewayLine(url)).contains("; check upstream.broker: nothing listens at " + where);
        assertThat(selftestDetail(url)).startsWith("unreachable: check upstream.broker: nothing listens at " + where);
    }

    @Test
    void aPausedMosquittoIsSaidAsNoAnswer() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"))) {
            broker.pause();
            try {
                String said = "no answer as an MQTT broker within 1 s: something at 127.0.0.1:" + broker.port()
                        + " took the connection but did not answer its CONNECT";
                assertThat(gatewayLine(broker.url())).contains("; " + said);
                assertThat(selftestDetail(broker.url())).startsWith(said);
            } finally {
                broker.resume();
            }
        }
    }

    @Test
    void aSilentListenerIsSaidAsNoAnswer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "tcp://127.0.0.1:" + silent.getLocalPort();
            String said = "no answer as an MQTT broker within 1 s: something at 127.0.0.1:" + silent.getLocalPort()
                    + " took the connection but did not answer its CONNECT";
            assertThat(gatewayLine(url)).contains("; " + said);
            assertThat(selftestDetail(url)).startsWith(said);
        }
    }

    /**
     * The plain TCP connect after the client's timeout (32000) failing does not prove that the client's attempt made no
     * connection (the route may have flapped): its pair is set aside as any unanswered attempt's, not kept at the stop.
     */
    @Test
    void aListenerDroppingTheSynsIsSaidAsNoTcpConnection() throws Exception {
        Said said = saidOfAFullAcceptQueue(TIMINGS, CONNACK, TIMINGS.tcpConnect(), 1,
                "a plain TCP connect after the MQTT client's: ");
        assertThat(said.setAside()).as("each attempt's online and will set aside").isNotEmpty();
        assertThat(said.keptAtStop()).as("no pair kept at the stop").isEmpty();
    }

    /**
     * With the gateway's own CONNACK wait (15 s) the MQTT client's TCP connect gives up first, after its own timeout,
     * with no code of its own and "Connect timed out" as the cause: no TCP connection too (until 2026-12-07 the client's
     * words only, "Untranslated MqttException - RC: 0 ..."; selftest's "the broker did not take the connection"). The
     * client's timeout is 1 s here, not the gateway's 10 s ({@link LinkTimings#tcpConnect}): still the shorter wait, so
     * the client's timeout, not the CONNACK wait, ends each attempt, as in the gateway. No CONNECT was sent, so the
     * attempts reuse one pair and the stop keeps it, as after a refusal: until 2026-12-07 the stop did not keep it, and
     * the next start set its online aside and sent its will, a stale offline.
     */
    @Test
    void aListenerDroppingTheSynsPastTheClientsConnectTimeoutIsSaidAsNoTcpConnection() throws Exception {
        Said said = saidOfAFullAcceptQueue(UpstreamRig.QUICK_RETRIES.withTcpConnect(CLIENT_CONNECT),
                LinkTimings.DEFAULT.connack(), CLIENT_CONNECT, 1, "the MQTT client's own TCP connect: Connect timed out)");
        assertThat(said.setAside()).as("nothing set aside").isEmpty();
        assertThat(said.keptAtStop()).as("the attempts' one pair kept at the stop").hasSize(1);
    }

    /**
     * The gateway's line (waiting with {@code timings}) and selftest's row (waiting {@code wait}, the client's TCP
     * connect given up after {@code tcpConnect}) for a listener whose full accept queue drops the SYNs: no TCP
     * connection within {@code seconds}, then {@code seen}.
     */
    private Said saidOfAFullAcceptQueue(LinkTimings timings, Duration wait, Duration tcpConnect, int seconds,
                                        String seen) throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket first = connectedTo(full);
             Socket second = connectedTo(full)) {
            String url = "tcp://127.0.0.1:" + full.getLocalPort();
            String said = "no TCP connection to 127.0.0.1:" + full.getLocalPort() + " within " + seconds + " s: check the"
                    + " address, the route and the firewall (" + seen;
            Said gateway = gatewaySaid(url, timings);
            assertThat(gateway.line()).contains("; " + said);
            assertThat(selftestDetail(url, wait, tcpConnect)).startsWith(said);
            return gateway;
        }
    }

    /** The running gateway's one line for attempts on {@code url}, failed alike at least twice. */
    private String gatewayLine(String url) throws Exception {
        return gatewaySaid(url, TIMINGS).line();
    }

    /**
     * What a gateway said of attempts on {@code url} failed alike at least twice, then stopped: its one line, the
     * {@code state} rows it set aside, and its line keeping the held pair for the next start (none or one).
     */
    private record Said(String line, List<String> setAside, List<String> keptAtStop) {
    }

    private Said gatewaySaid(String url, LinkTimings timings) throws Exception {
        String named = "upstream: cannot connect to " + url + ": ";
        Path db = dir.resolve("orderly-" + System.nanoTime() + ".db");
        try (CapturedLog log = new CapturedLog()) {
            List<String> lines;
            try (UpstreamRig rig = UpstreamRig.start(db, GW, UpstreamRig.plaintext(url, GW), timings)) {
                Await.until("two failed attempts", Duration.ofSeconds(60),
                        () -> rig.upstream.link().failedConnects() >= 2);
                // Before the stop, which says the attempt under way in other words (no advice at a stop).
                lines = log.lines("WARN", named);
            }
            assertThat(lines).as("one line for the attempts that failed alike").hasSize(1);
            return new Said(lines.get(0), StateRows.in(db, "outbox_set_aside"),
                    log.lines("upstream: not connected at the stop; its online and will"));
        }
    }

    /** Selftest's broker row's words after {@code FAIL: }. */
    private static String selftestDetail(String url) throws Exception {
        return selftestDetail(url, CONNACK, TIMINGS.tcpConnect());
    }

    private static String selftestDetail(String url, Duration wait, Duration tcpConnect) throws Exception {
        BrokerCheck.Outcome outcome = BrokerCheck.connectOnce(UpstreamRig.plaintext(url, GW), new Topics(GW).commands(),
                wait, tcpConnect);
        assertThat(outcome.passed()).isFalse();
        return outcome.detail();
    }

    /** A connection the listener's kernel completed, left in its accept queue (the listener never accepts). */
    private static Socket connectedTo(ServerSocket listener) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 5_000);
        return s;
    }
}
