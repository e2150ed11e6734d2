package org.orderly.testkit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Modbus TCP peer on 127.0.0.1 that answers each request as its test says: for the replies no real slave sends (from
 * another unit, to another transaction, a byte at a time). Connections are taken one after another on a daemon thread;
 * each request is read whole (its MBAP header and PDU) and handed to the test's {@link Answer} with the stream to write
 * the reply to. A connection ends when the client closes it or an answer throws.
 */
public final class ScriptedModbusTcp implements AutoCloseable {
    /**
     * A request: its MBAP header's transaction and unit ids, its function code, start address, and the two bytes after
     * it (the count of a read or of a write of several registers, the value of a write of one).
     */
    public record Request(int transaction, int unit, int function, int address, int count) {
        /** The reply to a write (06 or 16), as if from {@code unit}: its function, address and count or value again. */
        public byte[] echo(int transaction, int unit) {
            return new byte[] {(byte) (transaction >> 8), (byte) transaction, 0, 0, 0, 6, (byte) unit, (byte) function,
                (byte) (address >> 8), (byte) address, (byte) (count >> 8), (byte) count};
        }

        /** The reply to this request holding {@code words}, as if from {@code unit} to {@code transaction}. */
        public byte[] reply(int transaction, int unit, int... words) {
            int length = 1 + 2 + 2 * words.length;
            byte[] reply = new byte[6 + length];
            reply[0] = (byte) (transaction >> 8);
            reply[1] = (byte) transaction;
            reply[4] = (byte) (length >> 8);
            reply[5] = (byte) length;
            reply[6] = (byte) unit;
            reply[7] = (byte) function;
            reply[8] = (byte) (2 * words.length);
            for (int i = 0; i < words.length; i++) {
                reply[9 + 2 * i] = (byte) (words[i] >> 8);
                reply[10 + 2 * i] = (byte) words[i];
            }
            return reply;
        }

        /** The reply a well-behaved slave sends: this request's transaction and unit. */
        public byte[] reply(int... words) {
            return reply(transaction, unit, words);
        }

        /** An IEEE-754 float32 as two registers, high word first. */
        public static int[] float32(float value) {
            int bits = Float.floatToIntBits(value);
            return new int[] {bits >>> 16, bits & 0xFFFF};
        }
    }

    /** Answers one request by writing to {@code out} (or not at all). */
    @FunctionalInterface
    public interface Answer {
        void answer(Request request, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    public ScriptedModbusTcp(Answer answer) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> serve(answer), "scripted-modbus-tcp");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many requests have been read so far. */
    public int requests() {
        return requests.get();
    }

    /** How many connections have been taken so far: a client that dropped its connection and asked again made two. */
    public int connections() {
        return connections.get();
    }

    private void serve(Answer answer) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    byte[] mbap = new byte[7];
                    in.readFully(mbap);
                    int length = ((mbap[4] & 0xFF) << 8) | (mbap[5] & 0xFF);
                    byte[] pdu = new byte[length - 1];
                    in.readFully(pdu);
                    requests.incrementAndGet();
                    answer.answer(new Request(((mbap[0] & 0xFF) << 8) | (mbap[1] & 0xFF), mbap[6] & 0xFF, pdu[0] & 0xFF,
                            ((pdu[1] & 0xFF) << 8) | (pdu[2] & 0xFF), ((pdu[3] & 0xFF) << 8) | (pdu[4] & 0xFF)), out);
                    out.flush();
                }
            } catch (IOException closed) {
                // the client dropped the connection, or the test closed the server: take the next one, if any
            } catch (InterruptedException stopped) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
