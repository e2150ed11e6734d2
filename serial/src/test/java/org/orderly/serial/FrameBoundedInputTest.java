package org.orderly.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * j2mod's TCP transport reads a reply as a {@code DataInputStream} over a {@code BufferedInputStream} over the socket
 * (3.3.0): its header's 6 bytes, then as many as its length says. Two frames come in one TCP segment (a reply and a late
 * frame of another unit a TCP-to-RS-485 gateway passes on): read through {@link FrameBoundedInput}, the buffer takes
 * the first only, and the second is read off the socket, counted, once the next request is written.
 */
class FrameBoundedInputTest {
    /** Unit 1's reply of 2 registers (5, 6), to transaction 1. */
    private static final byte[] REPLY = {0, 1, 0, 0, 0, 7, 1, 3, 4, 0, 5, 0, 6};
    /** Unit 2's exception frame (function 0x83, code 0x0B: its gateway's target failed to respond), to transaction 0. */
    private static final byte[] LATE = {0, 0, 0, 0, 0, 3, 2, (byte) 0x83, 0x0B};

    @Test
    void aFrameFollowingInTheSameSegmentIsNotTakenIntoJ2modsBuffer() throws IOException {
        ReplyHeard heard = new ReplyHeard();
        byte[] segment = new byte[REPLY.length + LATE.length];
        System.arraycopy(REPLY, 0, segment, 0, REPLY.length);
        System.arraycopy(LATE, 0, segment, REPLY.length, LATE.length);
        DataInputStream asJ2modReads = new DataInputStream(new BufferedInputStream(
                new FrameBoundedInput(new ByteArrayInputStream(segment), heard)));

        heard.requestWritten();
        readFrame(asJ2modReads);
        assertThat(heard.bytes()).as("bytes read off the socket for the first request").isEqualTo(REPLY.length);
        assertThat(heard.unit()).isEqualTo(OptionalInt.of(1));

        heard.requestWritten();
        readFrame(asJ2modReads);
        assertThat(heard.bytes()).as("bytes read off the socket for the next request: the late frame, not j2mod's buffer")
                .isEqualTo(LATE.length);
        assertThat(heard.unit()).isEqualTo(OptionalInt.of(2));
    }

    /** Reads one Modbus TCP frame as j2mod's transport does: its header, then the length it says. */
    private static void readFrame(DataInputStream in) throws IOException {
        byte[] frame = new byte[262];
        in.readFully(frame, 0, 6);
        in.readFully(frame, 6, ((frame[4] & 0xFF) << 8) | (frame[5] & 0xFF));
    }
}
