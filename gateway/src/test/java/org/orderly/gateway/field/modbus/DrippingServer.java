package org.orderly.gateway.field.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Modbus TCP server on 127.0.0.1, its bytes written by hand, that answers every read of registers with zeros: whole
 * at once for most units, a byte at a time for the units told to drip, as a meter or an RS-485-to-TCP converter that
 * passes on each byte as it comes from a slow serial line does. Each byte comes well within any timeout the tests
 * give, the whole reply far beyond it. A connection per thread; one the client closes ends its thread at its next
 * write. Tools' raw_modbus_tcp.py {@code drip} does the like for its tests, but is no substitute here: it drips every
 * unit's reply (these tests drip one unit beside another answered at once, or silent) and lies in tools' test
 * resources, which the gateway's tests do not reach.
 */
final class DrippingServer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    private final Set<Integer> dripping;
    private final Set<Integer> silent;
    private final Duration perByte;
    /** Requests taken, by unit, over every connection. */
    private final Map<Integer, AtomicInteger> requests = new ConcurrentHashMap<>();

    /** Serves on a free port: the units in {@code dripping} a byte every {@code perByte}, the rest at once. */
    DrippingServer(Set<Integer> dripping, Duration perByte) throws IOException {
        this(dripping, Set.of(), perByte);
    }

    /** As {@link #DrippingServer(Set, Duration)}, never answering the units in {@code silent}. */
    DrippingServer(Set<Integer> dripping, Set<Integer> silent, Duration perByte) throws IOException {
        this.dripping = Set.copyOf(dripping);
        this.silent = Set.copyOf(silent);
        this.perByte = perByte;
        Thread accepting = new Thread(this::accept, "dripping-server");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many requests to {@code unit} this server has taken, on every connection. */
    int requests(int unit) {
        AtomicInteger taken = requests.get(unit);
        return taken == null ? 0 : taken.get();
    }

    private void accept() {
        try {
            while (true) {
                Socket connection = server.accept();
                Thread serving = new Thread(() -> serve(connection), "dripping-server-connection");
                serving.setDaemon(true);
                serving.start();
            }
        } catch (IOException closed) {
            // the test is over: close() closed the server socket
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            while (true) {
                byte[] request = in.readNBytes(12); // MBAP header, unit, function, start, count
                if (request.length < 12) {
                    return;
                }
                int unit = request[6] & 0xFF;
                requests.computeIfAbsent(unit, u -> new AtomicInteger()).incrementAndGet();
                if (silent.contains(unit)) {
                    continue;
                }
                int registers = (request[10] & 0xFF) << 8 | request[11] & 0xFF;
                byte[] reply = new byte[9 + 2 * registers]; // MBAP, unit, function, byte count, zeros
                reply[0] = request[0];
                reply[1] = request[1];
                reply[4] = (byte) ((3 + 2 * registers) >> 8);
                reply[5] = (byte) (3 + 2 * registers);
                reply[6] = request[6];
                reply[7] = request[7];
                reply[8] = (byte) (2 * registers);
                if (!dripping.contains(unit)) {
                    out.write(reply);
                    out.flush();
                    continue;
                }
                for (byte b : reply) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(perByte.toMillis());
                }
            }
        } catch (SocketException clientGone) {
            // the client closed the connection while a reply dripped: what its deadline does
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the dripping server's connection failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
