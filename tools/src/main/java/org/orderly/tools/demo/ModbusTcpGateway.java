package org.orderly.tools.demo;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.orderly.gateway.field.modbus.FunctionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modbus TCP in front of one serial unit, as the RS-485-to-Modbus-TCP gateway before a real transformer meter serves
 * it: read holding (03) and input (04) registers of that unit; for any other unit id, exception 0B (gateway target
 * device failed to respond), as such a gateway answers for a unit that is not on its line. So {@code orderly modbus
 * scan} against the demo lists the meter alone, and a wrong unit id is told as absent. Until 2026-12-06 the demo served
 * its meter with j2mod's slave, which answers every unit id, one it has no registers for with exception 02 (illegal
 * data address): a scan listed units 2..247 as meters no map fits, and a wrong unit id was blamed on the map.
 */
final class ModbusTcpGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusTcpGateway.class);
    static final int ILLEGAL_FUNCTION = 0x01;
    static final int ILLEGAL_DATA_ADDRESS = 0x02;
    static final int ILLEGAL_DATA_VALUE = 0x03;
    static final int GATEWAY_TARGET_FAILED_TO_RESPOND = 0x0B;
    /** The most registers one read may ask for (Modbus Application Protocol 1.1b3, 6.3 and 6.4). */
    private static final int MOST_REGISTERS = 125;

    /** The unit's registers. */
    interface Registers {
        /** The {@code count} words from {@code address} of the table {@code function} reads; null when outside it. */
        int[] read(FunctionCode function, int address, int count);
    }

    private final int unit;
    private final Registers registers;
    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Serves {@code unit} on {@code bind:port} (0 for a free port); throws what binding throws (a port taken). */
    ModbusTcpGateway(InetAddress bind, int port, int unit, Registers registers) throws IOException {
        this.unit = unit;
        this.registers = registers;
        server = new ServerSocket();
        try {
            // A demo stopped and started again (or a test's meter closed and served anew) binds the same port at once.
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(bind, port));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        Thread accepting = new Thread(this::accept, "demo-meter-modbus-tcp");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("demo meter: no longer taking Modbus TCP connections on port {}: {}", port(), e.toString());
                }
                return;
            }
            connections.add(s);
            if (closed) {
                closeQuietly(s); // closed while it was being taken: close() did not see it
                return;
            }
            Thread t = new Thread(() -> serve(s), "demo-meter-modbus-tcp-" + s.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                byte[] header = new byte[7];
                in.readFully(header);
                int protocol = word(header, 2);
                int length = word(header, 4);
                if (protocol != 0 || length < 2 || length > 254) {
                    // not a Modbus TCP frame: nothing after it can be framed either
                    LOG.debug("demo meter: dropping a connection that sent what is not Modbus TCP (protocol {}, length {})",
                            protocol, length);
                    return;
                }
                byte[] pdu = new byte[length - 1];
                in.readFully(pdu);
                out.write(frame(header, answer(header[6] & 0xFF, pdu)));
                out.flush();
            }
        } catch (EOFException | SocketException e) {
            LOG.debug("demo meter: connection from port {} ended: {}", s.getPort(), e.toString());
        } catch (IOException e) {
            LOG.debug("demo meter: connection from port {} failed", s.getPort(), e);
        } finally {
            connections.remove(s);
        }
    }

    /** The answer's PDU to request {@code pdu} for {@code unitAsked}. */
    byte[] answer(int unitAsked, byte[] pdu) {
        int function = pdu[0] & 0xFF;
        if (unitAsked != unit) {
            return exception(function, GATEWAY_TARGET_FAILED_TO_RESPOND);
        }
        Optional<FunctionCode> read = FunctionCode.of(function);
        if (read.isEmpty()) {
            return exception(function, ILLEGAL_FUNCTION);
        }
        if (pdu.length != 5) {
            return exception(function, ILLEGAL_DATA_VALUE);
        }
        int address = word(pdu, 1);
        int count = word(pdu, 3);
        if (count < 1 || count > MOST_REGISTERS) {
            return exception(function, ILLEGAL_DATA_VALUE);
        }
        int[] words = registers.read(read.get(), address, count);
        if (words == null) {
            return exception(function, ILLEGAL_DATA_ADDRESS);
        }
        byte[] a = new byte[2 + 2 * count];
        a[0] = (byte) function;
        a[1] = (byte) (2 * count);
        for (int i = 0; i < count; i++) {
            a[2 + 2 * i] = (byte) (words[i] >>> 8);
            a[3 + 2 * i] = (byte) words[i];
        }
        return a;
    }

    private static byte[] exception(int function, int code) {
        return new byte[] {(byte) (function | 0x80), (byte) code};
    }

    /** The request's transaction and protocol ids and unit id around {@code pdu}. */
    private static byte[] frame(byte[] requestHeader, byte[] pdu) {
        byte[] f = new byte[7 + pdu.length];
        System.arraycopy(requestHeader, 0, f, 0, 4);
        f[4] = (byte) ((pdu.length + 1) >>> 8);
        f[5] = (byte) (pdu.length + 1);
        f[6] = requestHeader[6];
        System.arraycopy(pdu, 0, f, 7, pdu.length);
        return f;
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("demo meter: closing a connection failed", e);
        }
    }

    /** Stops taking connections and ends those open, as a meter's gateway switched off does. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("demo meter: closing its port failed", e);
        }
        connections.forEach(ModbusTcpGateway::closeQuietly);
    }
}
