package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.testkit.LoopbackPorts;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly selftest} reads its piles side by side: a silent pile costs its own --wait-s, not the others' too.
 * Two silent "bridges" (sockets that take every datagram and answer none) around a real one: the second silent one
 * is asked while the first is still waited for, which one after another it could only be once that wait (--wait-s)
 * was over. The table keeps the configuration's order and reports every pile.
 */
class SelftestParallelPilesTest {
    /** Long beside the moment it takes to start reading three piles: side by side they are all asked within it. */
    private static final int WAIT_S = 10;

    @TempDir
    Path dir;

    @Test
    void aSilentPileDoesNotHoldBackTheOthersAndTheTableKeepsTheConfigurationsOrder() throws Exception {
        try (Silent p1 = new Silent(); Bridge p2 = new Bridge("p2"); Silent p3 = new Silent()) {
            Path config = SelftestYaml.plainPiles(dir, LoopbackPorts.free(), p1.port(), p2.port(), p3.port());
            CompletableFuture<OrderlyRun> run = CompletableFuture.supplyAsync(() -> OrderlyRun.of("selftest", "--config", config.toString(),
                    "--devices", "../config/devices", "--wait-s", Integer.toString(WAIT_S)));

            assertThat(p1.asked.await(30, TimeUnit.SECONDS)).as("p1 asked").isTrue();
            // Deadline, not a measurement: one after another, p3 is asked only once p1's WAIT_S are over.
            assertThat(p3.asked.await(WAIT_S - 1, TimeUnit.SECONDS)).as("p3 asked while p1 is still waited for").isTrue();

            OrderlyRun r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            List<String> rows = SelftestYaml.table(r.out());
            assertThat(rows.get(2)).as(r.out())
                    .matches("p1\\s+pile\\s+coap 127.0.0.1:" + p1.port() + "\\s+FAIL\\s+no status within " + WAIT_S + " s: .*");
            assertThat(rows.get(3)).as(r.out()).matches("p2\\s+pile\\s+coap 127.0.0.1:" + p2.port() + "\\s+PASS\\s+state .*");
            assertThat(rows.get(4)).as(r.out())
                    .matches("p3\\s+pile\\s+coap 127.0.0.1:" + p3.port() + "\\s+FAIL\\s+no status within " + WAIT_S + " s: .*");
            assertThat(rows.get(5)).as(r.out()).isEqualTo("selftest: 3 of 4 devices FAIL");
        }
    }

    /** A UDP port that takes every datagram and answers none, as a bridge that hangs or a firewall that drops. */
    private static final class Silent implements AutoCloseable {
        final CountDownLatch asked = new CountDownLatch(1);
        private final DatagramSocket socket;
        private final Thread reader;

        Silent() throws Exception {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            reader = new Thread(() -> {
                byte[] buffer = new byte[2048];
                while (!socket.isClosed()) {
                    try {
                        socket.receive(new DatagramPacket(buffer, buffer.length));
                        asked.countDown();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            }, "silent-bridge");
            reader.setDaemon(true);
            reader.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            reader.join(5000);
        }
    }
}
