package org.orderly.tools.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The watchdog against a real unix datagram socket bound where systemd would bind its notify socket. */
class NotifySocketTest {
    @TempDir
    Path dir;

    @Test
    void feedsTheSocketOnlyWhileTheLoopCycles() throws Exception {
        Path path = dir.resolve("notify");
        AtomicLong cycles = new AtomicLong(1);
        try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance()) {
            systemd.bind(AFUNIXSocketAddress.of(path.toFile()));
            systemd.setSoTimeout(5_000);
            LoopWatchdog dog = new LoopWatchdog(cycles::get, NotifySocket.connect(path.toString()),
                    Optional.of(Duration.ofMillis(50)));
            dog.start();

            assertThat(receive(systemd)).isEqualTo("READY=1");
            assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");
            // The loop is stuck at cycle 1: ten check intervals go by without a notification.
            systemd.setSoTimeout(500);
            assertThatThrownBy(() -> receive(systemd)).isInstanceOf(SocketTimeoutException.class);
            cycles.set(2);
            systemd.setSoTimeout(5_000);
            assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");

            cycles.set(Long.MAX_VALUE);
            dog.close();
            String last;
            do {
                last = receive(systemd);
            } while (last.equals("WATCHDOG=1"));
            assertThat(last).isEqualTo("STOPPING=1");
        }
    }

    @Test
    void aNameWithAnAtIsAnAbstractSocket() throws Exception {
        String name = "orderly-notify-test-" + ProcessHandle.current().pid();
        try (AFUNIXDatagramSocket systemd = AFUNIXDatagramSocket.newInstance();
             NotifySocket socket = NotifySocket.connect("@" + name)) {
            systemd.bind(AFUNIXSocketAddress.inAbstractNamespace(name));
            systemd.setSoTimeout(5_000);
            socket.notify("READY=1");
            assertThat(receive(systemd)).isEqualTo("READY=1");
        }
    }

    @Test
    void noListenerIsAnErrorThatNamesTheSocket() throws Exception {
        try (NotifySocket socket = NotifySocket.connect(dir.resolve("nobody").toString())) {
            assertThatThrownBy(() -> socket.notify("WATCHDOG=1"))
                    .isInstanceOf(IOException.class).hasMessageContaining("nobody").hasMessageContaining("WATCHDOG=1");
        }
    }

    private static String receive(AFUNIXDatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[256], 256);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }
}
