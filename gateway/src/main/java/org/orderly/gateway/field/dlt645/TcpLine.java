package org.orderly.gateway.field.dlt645;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SerialLine} through a transparent RS-485-to-Ethernet converter (a TCP server whose connection's bytes are
 * the RS-485 line's, as such converters' "TCP server" mode has it): the same frames, deadlines and checks as on a port
 * of the gateway's own. A connection the converter closes or resets is an {@link IOException}, so the poller drops it
 * and connects afresh at its next try, as it reopens a serial port.
 */
public final class TcpLine implements SerialLine {
    private static final Logger LOG = LoggerFactory.getLogger(TcpLine.class);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String name;
    /** Where bytes left over from an earlier exchange are read to be dropped. */
    private final byte[] junk = new byte[256];

    private TcpLine(Socket socket, String name) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.name = name;
    }

    /**
     * Connects to {@code endpoint}, waiting at most {@code connectTimeout}.
     *
     * @throws IOException naming the converter, when it cannot be reached or refuses the connection
     */
    public static TcpLine open(BusEndpoint.Tcp endpoint, Duration connectTimeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) Math.max(1, connectTimeout.toMillis()));
            s.setTcpNoDelay(true);
            return new TcpLine(s, endpoint.toString());
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new IOException("RS-485 converter " + endpoint + " not reached: " + e.getMessage(), e);
        }
    }

    @Override
    public void discardInput() throws IOException {
        int n;
        while ((n = in.available()) > 0) {
            if (in.read(junk, 0, Math.min(n, junk.length)) < 0) {
                throw closed();
            }
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, wait.toMillis())));
        int n;
        try {
            n = in.read(buf, off, len);
        } catch (SocketTimeoutException nothingYet) {
            return 0;
        }
        if (n < 0) {
            throw closed();
        }
        return n;
    }

    private IOException closed() {
        return new IOException(name + ": the converter closed the connection");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket that failed: nothing is left to release, and the poller connects afresh.
            LOG.debug("{}: closing the connection: {}", name, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
