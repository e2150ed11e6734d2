package org.orderly.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.orderly.testkit.ScriptedModbusTcp;

/**
 * A late frame of another unit that a TCP-to-RS-485 gateway passes on may come in one TCP segment with the reply before
 * it: {@link TcpMaster} tells that frame's unit as the next request's reply, whole or begun. j2mod 3.3.0 reads the
 * socket through a buffer of its own: until the mend of 2026-12-07 the late frame was held in it with the reply, read
 * from there as the next reply without a byte off the socket, and nothing said whose it was. A scripted Modbus TCP
 * server on 127.0.0.1 writes the reply and the late frame, or its first byte, in one write.
 */
class TcpMasterLateFrameTest {
    private static final int TIMEOUT_MS = 300;
    /** Unit 2's exception frame (function 0x83, code 0x0B), to an old transaction. */
    private static final byte[] LATE_EXCEPTION = {0, 0, 0, 0, 0, 3, 2, (byte) 0x83, 0x0B};
    /** Unit 2's reply of 2 registers, to an old transaction: its header, function and byte count, its registers never come. */
    private static final byte[] LATE_REPLY_BEGUN = {0, 0, 0, 0, 0, 7, 2, 4, 4};

    @Test
    void anotherUnitsExceptionFrameInTheSegmentOfTheReplyIsTheNextRequestsReply() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> {
            if (asked.incrementAndGet() == 1) {
                out.write(join(r.reply(new int[] {5, 6}), LATE_EXCEPTION));
            }
        })) {
            TcpMaster master = connected(server);
            try {
                assertThat(master.readMultipleRegisters(1, 0, 2)[1].getValue()).as("unit 1's reply").isEqualTo(6);

                assertThat(catchThrowable(() -> master.readMultipleRegisters(1, 0, 2))).as("the next request")
                        .isInstanceOf(ModbusSlaveException.class);
                assertThat(master.lastReplyUnit()).as("the unit of the exception frame thrown").isEqualTo(2);
                assertThat(master.replyBytes()).as("bytes read off the socket for it").isEqualTo(LATE_EXCEPTION.length);
            } finally {
                master.disconnect();
            }
        }
    }

    /**
     * Only the late frame's first byte comes with the reply; the rest of its header, its function and byte count come
     * after the next request, its registers never. Read as far as it came, it is unit 2's: its unit id is taken where
     * it is in the frame (until the mend of 2026-12-07 the count since the request was one short of the frame's, held
     * in j2mod's buffer, and the unit id read was unit 2's function code, 4).
     */
    @Test
    void anotherUnitsFrameBegunInTheSegmentOfTheReplyIsToldByItsOwnHeader() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> {
            if (asked.incrementAndGet() == 1) {
                out.write(join(r.reply(new int[] {5, 6}), Arrays.copyOf(LATE_REPLY_BEGUN, 1)));
            } else {
                out.write(Arrays.copyOfRange(LATE_REPLY_BEGUN, 1, LATE_REPLY_BEGUN.length));
            }
        })) {
            TcpMaster master = connected(server);
            try {
                assertThat(master.readMultipleRegisters(1, 0, 2)[1].getValue()).as("unit 1's reply").isEqualTo(6);

                assertThat(catchThrowable(() -> master.readMultipleRegisters(1, 0, 2))).as("the next request").isNotNull();
                assertThat(master.lastReplyUnit()).as("the unit in the header of what came").isEqualTo(2);
                assertThat(master.replyBytes()).as("bytes read off the socket for it").isEqualTo(LATE_REPLY_BEGUN.length);
            } finally {
                master.disconnect();
            }
        }
    }

    private static TcpMaster connected(ScriptedModbusTcp server) throws Exception {
        TcpMaster master = new TcpMaster("127.0.0.1", server.port(), TIMEOUT_MS);
        master.connect();
        master.setRetries(1); // one attempt: j2mod applies this only once connected
        return master;
    }

    private static byte[] join(byte[] first, byte[] second) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(first);
        both.writeBytes(second);
        return both.toByteArray();
    }
}
