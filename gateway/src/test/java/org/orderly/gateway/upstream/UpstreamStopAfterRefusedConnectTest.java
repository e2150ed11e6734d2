package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.BrokerLogin;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.Mosquitto;

/**
 * A connect the broker refuses while the gateway stops (a wrong password, the CONNACK coming as the stop lets the
 * connect under way go on) is the broker's refusal, said at WARN and counted as a failed connect, as at any other time:
 * only a connect the stop's own interrupt ended is not (UpstreamStopInterruptedWhileConnectingTest). On 2026-12-07 a
 * change made every connect failure during a stop an INFO, uncounted, and hid this one (read56e's probe). Against a
 * real Mosquitto on 127.0.0.1, frozen so that the CONNECT waits until the stop has begun.
 */
class UpstreamStopAfterRefusedConnectTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aConnectRefusedByTheBrokerDuringTheStopIsSaidAndCounted() throws Exception {
        Path brokerPasswords = dir.resolve("broker-passwords");
        Process p = new ProcessBuilder(ExternalTools.requireProgram("mosquitto_passwd", "mosquitto"), "-b", "-c",
                brokerPasswords.toString(), "gw-refused", "right-pw").redirectErrorStream(true).start();
        assertThat(p.waitFor()).as("mosquitto_passwd").isZero();
        Path passwordFile = Files.writeString(dir.resolve("broker.pw"), "wrong-pw\n");
        try (CapturedLog log = new CapturedLog();
             Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("password_file " + brokerPasswords))) {
            broker.pause();
            try (UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), "gw-refused",
                    UpstreamRig.plaintext(broker.url(), "gw-refused").withLogin(new BrokerLogin("gw-refused", passwordFile)))) {
                MqttLink link = rig.upstream.link();
                Await.until("the link's CONNECT sent, its CONNACK awaited", Duration.ofSeconds(60),
                        UpstreamStopAfterRefusedConnectTest::linkAwaitsConnack);
                Thread stop = new Thread(link::close, "test-stop");
                stop.start();
                Await.until("the stop letting the connect under way go on", Duration.ofSeconds(60),
                        () -> inWaitForConnect(stop));
                broker.resume();
                stop.join(60_000);
                assertThat(stop.isAlive()).as("the stop still going").isFalse();
                assertThat(link.failedConnects()).as("the broker's refusal, counted").isEqualTo(1);
                assertThat(log.lines("WARN", "upstream: cannot connect")).as("the broker's refusal, said").isNotEmpty();
            } finally {
                broker.resume();
            }
        }
    }

    /** Whether the link's thread waits for a CONNACK (in Paho's wait for its connect's token). */
    private static boolean linkAwaitsConnack() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("orderly-upstream-link"))
                .anyMatch(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("waitForCompletion"))
                        && Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("connect")));
    }

    private static boolean inWaitForConnect(Thread t) {
        return t.getState() == Thread.State.TIMED_WAITING && Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getMethodName().equals("awaitOnlineSent"));
    }
}
