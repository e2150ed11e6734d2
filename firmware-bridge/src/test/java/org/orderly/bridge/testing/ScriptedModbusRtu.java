package org.orderly.bridge.testing;

import com.ghgande.j2mod.modbus.util.ModbusUtil;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Modbus RTU slave on one end of a pty pair ({@code SocatPair.slave}) that answers each request as its test says:
 * for the replies no real meter sends (a byte at a time). Requests are read as the 8 bytes of a read of registers
 * (unit, function, address, count, CRC) on a daemon thread, and handed to the test's {@link Answer} with the line to
 * write the reply to.
 */
public final class ScriptedModbusRtu implements AutoCloseable {
    /** A read request: its unit, function code, start address and count. */
    public record Request(int unit, int function, int address, int count) {
        /** The reply holding {@code words}, its CRC appended: the frame a well-behaved slave sends. */
        public byte[] reply(int... words) {
            byte[] frame = new byte[3 + 2 * words.length + 2];
            frame[0] = (byte) unit;
            frame[1] = (byte) function;
            frame[2] = (byte) (2 * words.length);
            for (int i = 0; i < words.length; i++) {
                frame[3 + 2 * i] = (byte) (words[i] >> 8);
                frame[4 + 2 * i] = (byte) words[i];
            }
            int[] crc = ModbusUtil.calculateCRC(frame, 0, frame.length - 2);
            frame[frame.length - 2] = (byte) crc[0];
            frame[frame.length - 1] = (byte) crc[1];
            return frame;
        }

        /** An IEEE-754 float32 as two registers, high word first. */
        public static int[] float32(float value) {
            int bits = Float.floatToIntBits(value);
            return new int[] {bits >>> 16, bits & 0xFFFF};
        }
    }

    /** Answers one request by writing to {@code line} (or not at all). */
    @FunctionalInterface
    public interface Answer {
        void answer(Request request, OutputStream line) throws IOException, InterruptedException;
    }

    private final RandomAccessFile port;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();

    public ScriptedModbusRtu(Path pty, Answer answer) throws IOException {
        port = new RandomAccessFile(pty.toFile(), "rw");
        Thread t = new Thread(() -> serve(answer), "scripted-modbus-rtu");
        t.setDaemon(true);
        t.start();
    }

    /** How many requests have been read so far. */
    public int requests() {
        return requests.get();
    }

    /** How many requests have been answered in full (the answer returned). */
    public int answered() {
        return answered.get();
    }

    private void serve(Answer answer) {
        OutputStream line = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                port.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                port.write(b, off, len);
            }
        };
        byte[] request = new byte[8];
        try {
            while (true) {
                port.readFully(request);
                requests.incrementAndGet();
                answer.answer(new Request(request[0] & 0xFF, request[1] & 0xFF,
                        ((request[2] & 0xFF) << 8) | (request[3] & 0xFF), ((request[4] & 0xFF) << 8) | (request[5] & 0xFF)),
                        line);
                answered.incrementAndGet();
            }
        } catch (IOException closed) {
            // the pty pair went away, or the test closed the port
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        port.close();
    }
}
