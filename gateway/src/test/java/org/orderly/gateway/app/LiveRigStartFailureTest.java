package org.orderly.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link LiveRig} that cannot be made (a bridge that cannot be, a configuration the gateway refuses) throws and
 * leaves nothing it had started running: the bridges made before are closed, their CoAP ports free again, and no
 * thread it started (the bridges', the meter's, the feeder) is left.
 */
class LiveRigStartFailureTest {
    private static final Duration WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aBridgeThatCannotBeMadeLeavesNothingOfTheRigRunning() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<Integer> ports = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> new LiveRig(2, 8, dir, LiveRig.FLAT_TARIFF, "", List::of, pileId -> {
            if (pileId.equals("p1")) {
                throw new IllegalStateException("p1's bridge cannot be made (test)");
            }
            return noted(new TestBridge(pileId), ports);
        })).hasMessageContaining("p1's bridge cannot be made (test)");

        assertNothingLeftRunning(before, ports);
    }

    @Test
    @Timeout(60)
    void aConfigurationTheGatewayRefusesLeavesNothingOfTheRigRunning() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<Integer> ports = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> new LiveRig(1, 8, dir, LiveRig.FLAT_TARIFF, "notAKey: 1\n", List::of,
                pileId -> noted(new TestBridge(pileId), ports))).hasMessageContaining("notAKey");

        assertNothingLeftRunning(before, ports);
    }

    /** {@code made}, its CoAP port noted in {@code ports}. */
    private static TestBridge noted(TestBridge made, List<Integer> ports) {
        ports.add(made.port());
        return made;
    }

    /** p0's bridge was made, and its port and every thread started since {@code before} are free again. */
    private static void assertNothingLeftRunning(Set<Thread> before, List<Integer> ports) throws InterruptedException {
        assertThat(ports).as("p0's bridge was made").hasSize(1);
        assertFree(ports.get(0));
        assertNoThreadLeftBesides(before);
    }

    /** Nothing listens on UDP 127.0.0.1:{@code port} any more: this test can bind it. */
    private static void assertFree(int port) {
        assertThatCode(() -> new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).close())
                .as("the bridge's CoAP port %d free again", port).doesNotThrowAnyException();
    }

    /** Threads end a moment after they are told to: waits for them, then names any left. */
    private static void assertNoThreadLeftBesides(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!startedSince(before).isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }
        assertThat(startedSince(before)).as("threads the rig started, still running").isEmpty();
    }

    private static List<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName).sorted().toList();
    }
}
