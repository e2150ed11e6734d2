package org.orderly.tools.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for a demo in a test, so it does not collide with a running demo (5020, 5701..): a TCP port for
 * the meter followed by {@code udp} consecutive UDP ports for the bridges, all found free at the time of asking,
 * below Linux's ephemeral range (32768..) so the system is unlikely to hand them out meanwhile.
 */
record FreePorts(int meterPort, int firstPilePort) {
    private static final int LOW = 10_000;
    private static final int HIGH = 32_000;

    static FreePorts find(int udp) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 50; attempt++) {
            int meter = ThreadLocalRandom.current().nextInt(LOW, HIGH - udp - 1);
            if (free(loopback, meter, udp)) {
                return new FreePorts(meter, meter + 1);
            }
        }
        throw new IOException("no free run of " + (udp + 1) + " loopback ports found in " + LOW + ".." + HIGH
                + " after 50 attempts");
    }

    private static boolean free(InetAddress loopback, int meter, int udp) {
        List<AutoCloseable> held = new ArrayList<>();
        try {
            held.add(new ServerSocket(meter, 1, loopback));
            for (int p = meter + 1; p <= meter + udp; p++) {
                held.add(new DatagramSocket(new InetSocketAddress(loopback, p)));
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            for (AutoCloseable c : held) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // only probing
                }
            }
        }
    }
}
