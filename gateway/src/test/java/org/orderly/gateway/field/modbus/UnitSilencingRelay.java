package org.orderly.gateway.field.modbus;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Modbus TCP relay on 127.0.0.1 in front of a real slave, passing each request on and its answer back, but for the
 * units a test has silenced, whose requests it drops: a meter that stops answering while the slave, and the poller's
 * port, stay as they are (a slave restarted without the unit could not bind its port again at once).
 */
final class UnitSilencingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final Set<Integer> silenced = ConcurrentHashMap.newKeySet();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    UnitSilencingRelay(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Requests to {@code unit} are dropped ({@code silent}) or passed on again. */
    void silence(int unit, boolean silent) {
        if (silent) {
            silenced.add(unit);
        } else {
            silenced.remove(unit);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> relay(client), "relay");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            open.add(upstream);
            DataInputStream fromClient = new DataInputStream(client.getInputStream());
            DataInputStream fromSlave = new DataInputStream(upstream.getInputStream());
            OutputStream toClient = client.getOutputStream();
            OutputStream toSlave = upstream.getOutputStream();
            for (;;) {
                byte[] request = frame(fromClient);
                if (silenced.contains(request[6] & 0xFF)) {
                    continue;
                }
                toSlave.write(request);
                toClient.write(frame(fromSlave));
            }
        } catch (SocketException | java.io.EOFException e) {
            // a side closed: the poller drops its connection after a timeout
        } catch (IOException e) {
            throw new IllegalStateException("relay to 127.0.0.1:" + upstreamPort + " failed", e);
        }
    }

    /** One MBAP frame: the 7-byte header, then its length field less the unit byte. */
    private static byte[] frame(DataInputStream in) throws IOException {
        byte[] header = new byte[7];
        in.readFully(header);
        int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        byte[] frame = new byte[6 + length];
        System.arraycopy(header, 0, frame, 0, 7);
        in.readFully(frame, 7, length - 1);
        return frame;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
