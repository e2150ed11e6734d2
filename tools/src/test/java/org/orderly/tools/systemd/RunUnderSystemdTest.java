package org.orderly.tools.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.testkit.OnePileGateway;

/**
 * {@code orderly run} in its own JVM with the environment systemd gives a {@code Type=notify} service with
 * {@code WatchdogSec=}: a notify socket (bound here, as systemd binds it) and {@code WATCHDOG_USEC}. No meter answers,
 * so the loop cycles in conservative mode; that is enough to be ready and alive. SIGTERM brings {@code STOPPING=1}.
 */
class RunUnderSystemdTest {
    @TempDir
    Path dir;

    @Test
    void readyThenWatchdogWhileCyclingThenStopping() throws Exception {
        Path config = config(200);
        Path socketPath = dir.resolve("notify");
        try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance()) {
            systemd.bind(AFUNIXSocketAddress.of(socketPath.toFile()));
            systemd.setSoTimeout(90_000);
            Process run = start(config, socketPath, 400_000);
            try {
                assertThat(receive(systemd)).as("log: %s", log()).isEqualTo("READY=1");
                assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");
                assertThat(receive(systemd)).as("fed again while cycling").isEqualTo("WATCHDOG=1");
                stop(run, systemd);
            } finally {
                run.destroyForcibly();
            }
        }
    }

    /**
     * A control period longer than half the watchdog's timeout (W14: {@code periodMs: 60000} under the unit's
     * {@code WatchdogSec=30s}): between two cycles systemd must still hear {@code WATCHDOG=1} within its timeout, or
     * it kills a healthy gateway. Scaled down here: a 20 s period against a 4 s timeout, three notifications in a row
     * each within the timeout, all before the second cycle is due.
     */
    @Test
    void aPeriodLongerThanTheWatchdogTimeoutIsFedBetweenCycles() throws Exception {
        long timeoutUsec = 4_000_000;
        Path config = config(20_000);
        Path socketPath = dir.resolve("notify");
        try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance()) {
            systemd.bind(AFUNIXSocketAddress.of(socketPath.toFile()));
            systemd.setSoTimeout(90_000);
            Process run = start(config, socketPath, timeoutUsec);
            try {
                assertThat(receive(systemd)).as("log: %s", log()).isEqualTo("READY=1");
                assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");
                // What systemd does: a notification must come within WATCHDOG_USEC of the last.
                systemd.setSoTimeout((int) (timeoutUsec / 1000));
                for (int i = 1; i <= 3; i++) {
                    String state;
                    try {
                        state = receive(systemd);
                    } catch (SocketTimeoutException e) {
                        throw new AssertionError("no WATCHDOG=1 within the " + timeoutUsec / 1000 + " ms timeout"
                                + " (notification " + i + " after the first; systemd would kill the service); log: "
                                + log(), e);
                    }
                    assertThat(state).isEqualTo("WATCHDOG=1");
                }
                assertThat(log()).as("a loop between its cycles is no stall").doesNotContain("stalled");
                systemd.setSoTimeout(30_000);
                stop(run, systemd);
            } finally {
                run.destroyForcibly();
            }
        }
    }

    private Path config(int periodMs) throws IOException {
        Path config = dir.resolve("orderly.yaml");
        Files.writeString(config, OnePileGateway.yaml("gw-systemd-test", LoopbackPorts.free(), LoopbackPorts.free(),
                periodMs) + "store: { path: orderly.db }\n");
        return config;
    }

    /** {@code orderly run} as systemd starts it: its notify socket and watchdog timeout in the environment. */
    private Process start(Path config, Path socketPath, long watchdogUsec) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.orderly.tools.OrderlyCommand",
                "run", "--config", config.toString(), "--devices", devices().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile());
        pb.environment().put("NOTIFY_SOCKET", socketPath.toString());
        pb.environment().put("WATCHDOG_USEC", Long.toString(watchdogUsec));
        return pb.start();
    }

    /** SIGTERM: what follows the watchdog's last notifications is STOPPING=1, and the process ends. */
    private static void stop(Process run, AFUNIXDatagramSocket systemd) throws Exception {
        run.destroy();
        String last;
        do {
            last = receive(systemd);
        } while (last.equals("WATCHDOG=1"));
        assertThat(last).isEqualTo("STOPPING=1");
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private String log() throws IOException {
        Path log = dir.resolve("run.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static String receive(AFUNIXDatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[256], 256);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }


    private static Path devices() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("config/devices/eastron-sdm630.yaml"))) {
                return d.resolve("config/devices");
            }
        }
        throw new IllegalStateException("config/devices not found above " + Paths.get("").toAbsolutePath());
    }
}
