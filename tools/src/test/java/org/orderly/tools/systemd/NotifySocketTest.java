package org.orderly.tools.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;

/** The watchdog against a real unix datagram socket bound where systemd would bind its notify socket. */
class NotifySocketTest {
    @TempDir
    Path dir;

    @Test
    void feedsTheSocketOnlyWhileTheLoopCycles() throws Exception {
        Path path = dir.resolve("notify");
        AtomicLong cycles = new AtomicLong(1);
        try (AFUNIXDatagramSocket systemd = systemdAt(path)) {
            // Each look at the ticker is a second later: a loop of 100 ms stuck at cycle 1 is soon overdue.
            AtomicLong nanos = new AtomicLong();
            Ticker ticker = () -> new Tick(nanos.addAndGet(1_000_000_000L));
            LoopWatchdog dog = new LoopWatchdog(cycles::get, Duration.ofMillis(100), ticker,
                    NotifySocket.connect(path.toString()), Optional.of(Duration.ofMillis(50)));
            dog.start();

            assertThat(receive(systemd)).isEqualTo("READY=1");
            assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");
            // The loop is stuck at cycle 1: fed while its cycle may be late, then ten check intervals go by
            // without a notification.
            systemd.setSoTimeout(500);
            int fedWhileLate = 0;
            while (true) {
                try {
                    assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");
                    fedWhileLate++;
                } catch (SocketTimeoutException e) {
                    break;
                }
            }
            assertThat(fedWhileLate).as("checks fed after the last cycle").isLessThan(10);
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

    /**
     * Closing while a notification is on its way must not break the socket under it: STOPPING=1 still arrives. The
     * watchdog here sends every millisecond (and systemd here reads them all as they come, as systemd does), so a
     * close nearly always meets a send in flight.
     */
    @Test
    void stoppingArrivesEvenWhenTheWatchdogIsSendingAtClose() throws Exception {
        Path path = dir.resolve("busy");
        AtomicLong cycles = new AtomicLong();
        try (AFUNIXDatagramSocket systemd = systemdAt(path)) {
            for (int round = 0; round < 20; round++) {
                BlockingQueue<String> received = new LinkedBlockingQueue<>();
                Thread reader = new Thread(() -> {
                    try {
                        String state;
                        do {
                            state = receive(systemd);
                            received.add(state);
                        } while (!state.equals("STOPPING=1"));
                    } catch (IOException e) {
                        received.add("reader stopped: " + e);
                    }
                }, "systemd");
                reader.start();
                LoopWatchdog dog = new LoopWatchdog(cycles::incrementAndGet, Duration.ofMillis(100), Ticker.SYSTEM,
                        NotifySocket.connect(path.toString()),
                        Optional.of(Duration.ofMillis(1)));
                dog.start();
                assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("READY=1");
                assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("WATCHDOG=1");
                dog.close();
                reader.join(10_000);
                List<String> rest = new ArrayList<>(received);
                assertThat(rest).as("round %d", round).isNotEmpty();
                assertThat(rest.get(rest.size() - 1)).as("round %d", round).isEqualTo("STOPPING=1");
            }
        }
    }

    /** An interrupted caller (a shutdown hook cut short, say) still gets STOPPING=1 out, and keeps its interrupt. */
    @Test
    void stoppingArrivesWhenTheCallerIsInterrupted() throws Exception {
        Path path = dir.resolve("interrupted");
        AtomicLong cycles = new AtomicLong(1);
        try (AFUNIXDatagramSocket systemd = systemdAt(path)) {
            LoopWatchdog dog = new LoopWatchdog(cycles::get, Duration.ofMillis(100), Ticker.SYSTEM,
                    NotifySocket.connect(path.toString()), Optional.empty());
            dog.start();
            assertThat(receive(systemd)).isEqualTo("READY=1");

            Thread.currentThread().interrupt();
            dog.close();

            assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
            assertThat(receive(systemd)).isEqualTo("STOPPING=1");
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

    /** A socket bound where systemd would bind its notify socket, waiting 5 s at most for each datagram. */
    private static AFUNIXDatagramSocket systemdAt(Path path) throws IOException {
        AFUNIXDatagramSocket socket = AFUNIXDatagramSocket.newInstance();
        socket.bind(AFUNIXSocketAddress.of(path.toFile()));
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static String receive(AFUNIXDatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[256], 256);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }
}
