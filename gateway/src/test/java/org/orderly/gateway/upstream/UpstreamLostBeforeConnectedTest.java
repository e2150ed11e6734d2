package org.orderly.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.upstream.link.LinkTimings;
import org.orderly.gateway.upstream.link.MqttLink;
import org.orderly.testkit.Await;
import org.orderly.testkit.Mosquitto;

/**
 * The connection is lost just after the broker acknowledged {@code online}, before the link's thread has marked itself
 * connected ({@code MqttLink.connectOnce}: {@code connected = true} comes a few statements after the PUBACK). Paho's
 * "connection lost" callback ({@code MqttLink.lost}) returns at once when the link is not marked connected yet, and
 * the link's thread then marks it connected: nobody ever sees the connection gone. docs/upstream.md ("Threads"): the
 * link "connects (backoff 1 s doubling to 30 s)"; "after a reconnect everything still in the outbox is sent again".
 *
 * <p>The window is a few microseconds; the test widens it by holding the link's monitor (taken at
 * {@code synchronized (this)} right after the PUBACK of {@code online}) while a proxy on 127.0.0.1 cuts the connection
 * just after the broker's PUBACK, and releasing it once Paho has said the connection is lost. Only the interleaving is
 * forced; every step is the link's own.
 */
class UpstreamLostBeforeConnectedTest {
    private static final LinkTimings TIMINGS = LinkTimings.DEFAULT
            .withReconnect(Duration.ofMillis(250), Duration.ofSeconds(2));

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aConnectionLostRightAfterOnlineIsMadeAgain() throws Exception {
        String gw = "gw-lost-early";
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
             CutAfterFirstPublish proxy = new CutAfterFirstPublish(broker.port());
             UpstreamRig rig = UpstreamRig.start(dir.resolve("orderly.db"), gw,
                     UpstreamRig.plaintext(proxy.url(), gw), TIMINGS)) {
            MqttLink link = rig.upstream.link();
            CountDownLatch grabbed = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            proxy.beforeForwarding = () -> {
                Thread holder = new Thread(() -> {
                    synchronized (link) {
                        grabbed.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }, "test-holds-the-link");
                holder.setDaemon(true);
                holder.start();
                try {
                    grabbed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            Await.until("the proxy cut the first connection after the online's PUBACK", Duration.ofSeconds(60),
                    proxy.cut::get);
            Thread.sleep(1500); // Paho says the connection lost meanwhile
            release.countDown();

            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (link.connects() < 2 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(link.connects()).as("connections made within 30 s of the cut (the link says connected: %s,"
                    + " messages acknowledged: %s)", link.connected(), link.published()).isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * Relays a client's connection to the broker; on the first PUBLISH of the first connection it runs
     * {@link #beforeForwarding}, forwards the packet, and 500 ms later (the PUBACK relayed meanwhile) closes both
     * sockets.
     */
    static final class CutAfterFirstPublish implements AutoCloseable {
        private final ServerSocket server = new ServerSocket();
        private final int brokerPort;
        private final AtomicBoolean first = new AtomicBoolean(true);
        final AtomicBoolean cut = new AtomicBoolean();
        volatile Runnable beforeForwarding = () -> { };

        CutAfterFirstPublish(int brokerPort) throws IOException {
            this.brokerPort = brokerPort;
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread t = new Thread(this::accept, "cut-after-first-publish");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                    boolean isFirst = first.getAndSet(false);
                    start(() -> MqttPacket.pumpBytes(broker, client));
                    start(() -> pump(client, broker, isFirst));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, boolean cutThis) {
            try (from; to) {
                DataInputStream in = new DataInputStream(from.getInputStream());
                OutputStream out = to.getOutputStream();
                boolean armed = cutThis;
                for (MqttPacket p = MqttPacket.read(in); p != null; p = MqttPacket.read(in)) {
                    if (armed && p.type() == MqttPacket.PUBLISH) {
                        armed = false;
                        beforeForwarding.run();
                        p.writeTo(out);
                        start(() -> {
                            try {
                                Thread.sleep(500);
                                from.close();
                                to.close();
                                cut.set(true);
                            } catch (InterruptedException | IOException e) {
                                // ends the test's wait
                            }
                        });
                        continue;
                    }
                    p.writeTo(out);
                }
            } catch (IOException e) {
                // one side closed: so is the other, by the try
            }
        }

        private static void start(Runnable r) {
            Thread t = new Thread(r, "cut-after-first-publish-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
