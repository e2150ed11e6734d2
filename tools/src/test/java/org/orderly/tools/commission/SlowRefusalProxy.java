package org.orderly.tools.commission;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A UDP relay on loopback in front of a plain CoAP bridge that holds back the bridge's 4.xx answers (a refused
 * {@code PUT /limit}) for a while and passes everything else at once, so statuses reach the client before the refusal,
 * as they do from a bridge slow to answer the PUT.
 */
final class SlowRefusalProxy implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private volatile SocketAddress client;
    private final Thread up;
    private final Thread down;

    SlowRefusalProxy(int bridgePort, long holdMillis) throws IOException {
        front = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        back = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        back.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bridgePort));
        up = daemon(() -> relay(front, true, holdMillis));
        down = daemon(() -> relay(back, false, holdMillis));
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "slow-refusal-proxy");
        t.setDaemon(true);
        t.start();
        return t;
    }

    int port() {
        return front.getLocalPort();
    }

    private void relay(DatagramSocket from, boolean fromClient, long holdMillis) {
        byte[] buf = new byte[2048];
        while (!from.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                from.receive(p);
                byte[] data = Arrays.copyOf(p.getData(), p.getLength());
                if (fromClient) {
                    client = p.getSocketAddress();
                    back.send(new DatagramPacket(data, data.length));
                } else if (client != null) {
                    DatagramPacket out = new DatagramPacket(data, data.length, client);
                    boolean clientError = data.length > 1 && (data[1] & 0xE0) == 0x80; // CoAP code class 4
                    if (clientError) {
                        later.schedule(() -> send(out), holdMillis, TimeUnit.MILLISECONDS);
                    } else {
                        front.send(out);
                    }
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void send(DatagramPacket p) {
        try {
            front.send(p);
        } catch (IOException closed) {
            // the test is over
        }
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        later.shutdownNow();
        up.join(1000);
        down.join(1000);
    }
}
