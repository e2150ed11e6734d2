package org.orderly.tools.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
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
        Path config = dir.resolve("orderly.yaml");
        Files.writeString(config, """
                gatewayId: gw-systemd-test
                compound:
                  transformer: { limitKw: 40, phaseVoltageV: 230 }
                  piles:
                    - { id: p1, phase: A, maxA: 16, driver: { coap: { host: 127.0.0.1, port: %d, plain: true } } }
                meters:
                  transformer: { bus: room, unit: 1, map: eastron-sdm630 }
                buses:
                  - { name: room, tcp: { host: 127.0.0.1, port: %d }, timing: { timeoutMs: 100, retries: 0 } }
                tariff:
                  periods: [ { from: "00:00", to: "24:00", price: 0.5 } ]
                control: { periodMs: 200 }
                store: { path: orderly.db }
                """.formatted(LoopbackPorts.free(), LoopbackPorts.free()));
        Path socketPath = dir.resolve("notify");
        try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance()) {
            systemd.bind(AFUNIXSocketAddress.of(socketPath.toFile()));
            systemd.setSoTimeout(30_000);
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.orderly.tools.OrderlyCommand",
                    "run", "--config", config.toString(), "--devices", devices().toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile());
            pb.environment().put("NOTIFY_SOCKET", socketPath.toString());
            pb.environment().put("WATCHDOG_USEC", "400000");
            Process run = pb.start();
            try {
                assertThat(receive(systemd)).as("log: %s", log()).isEqualTo("READY=1");
                assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");
                assertThat(receive(systemd)).as("fed again while cycling").isEqualTo("WATCHDOG=1");
                run.destroy();
                String last;
                do {
                    last = receive(systemd);
                } while (last.equals("WATCHDOG=1"));
                assertThat(last).isEqualTo("STOPPING=1");
                assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                run.destroyForcibly();
            }
        }
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
