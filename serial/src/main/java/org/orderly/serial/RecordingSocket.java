package org.orderly.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

/**
 * A connected socket as j2mod's TCP transport uses it, whose input is read a Modbus TCP frame at a time and counted as
 * the transport reads it ({@link FrameBoundedInput}, {@link ReplyHeard}): the transport reads through streams of its
 * own, made of the socket it is given, a buffer that would hold a following frame among them, and says nothing of the
 * bytes it read when a read fails or is cut. It takes the calls j2mod's transport makes of a socket (3.3.0: its
 * streams, its timeout, its peer, close) to the socket connected; nothing else is asked of it.
 */
final class RecordingSocket extends Socket {
    private final Socket connected;
    private final ReplyHeard heard;

    RecordingSocket(Socket connected, ReplyHeard heard) {
        this.connected = connected;
        this.heard = heard;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new FrameBoundedInput(connected.getInputStream(), heard);
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return connected.getOutputStream();
    }

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
        connected.setSoTimeout(timeout);
    }

    @Override
    public synchronized int getSoTimeout() throws SocketException {
        return connected.getSoTimeout();
    }

    @Override
    public InetAddress getInetAddress() {
        return connected.getInetAddress();
    }

    @Override
    public int getPort() {
        return connected.getPort();
    }

    @Override
    public boolean isConnected() {
        return connected.isConnected();
    }

    @Override
    public boolean isClosed() {
        return connected.isClosed();
    }

    @Override
    public synchronized void close() throws IOException {
        connected.close();
    }

    @Override
    public String toString() {
        return connected.toString();
    }
}
