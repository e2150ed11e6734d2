package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.ScriptedModbusTcp;
import org.orderly.testkit.SocatPair;

/**
 * A Modbus TCP reply must come from the unit it was asked of, a write's too. A reply that carries another unit id in
 * its MBAP header (a TCP-to-RS-485 gateway that mixed up its lines, a late answer of another unit) is not this meter's
 * registers.
 */
class ReplyFromAnotherUnitTest {

    @Test
    void aReplyCarryingAnotherUnitIdIsRefused() throws Exception {
        tcpReplyRefused(false);
    }

    @Test
    void aReplyCarryingAnotherTransactionIdIsRefused() throws Exception {
        tcpReplyRefused(true);
    }

    @Test
    void aWriteAnsweredByAnotherUnitIsRefused() throws Exception {
        // A pile's limit written to unit 1 and acknowledged by unit 2: the limit may not be where it was meant to go.
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> out.write(r.echo(r.transaction(), r.unit() + 1)));
             ModbusConnection connection = new ModbusConnection(new BusEndpoint.Tcp("127.0.0.1", server.port()),
                     Duration.ofMillis(500))) {
            for (boolean single : new boolean[] {true, false}) {
                FieldReadException e = catchThrowableOfType(() -> {
                    if (single) {
                        connection.writeSingle(1, 100, 160);
                    } else {
                        connection.writeMultiple(1, 100, 160);
                    }
                }, FieldReadException.class);
                assertThat(e).as(single ? "function 06" : "function 16").isNotNull();
                assertThat(e.kind()).isEqualTo(FailureKind.GARBLED);
                assertThat(e.getMessage()).contains("unit 1", "unit 2");
                connection.afterFailure(e.kind(), e);
            }
        }
    }

    /**
     * 0 and 255 are no serial unit's address, so a reply carrying either is no other unit's behind a gateway: it is a
     * device that ignores the unit id and answers as 0 or 255 whatever it is asked, as some do. Its reads and writes
     * stand.
     */
    @ParameterizedTest(name = "answering as unit {0}")
    @ValueSource(ints = {0, 255})
    void aDeviceAnsweringAsUnit0Or255WhateverItIsAskedIsReadAndWritten(int answeringAs) throws Exception {
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> out.write(r.function() == 3
                ? r.reply(r.transaction(), answeringAs, new int[] {42, 43}) : r.echo(r.transaction(), answeringAs)));
             ModbusConnection connection = new ModbusConnection(new BusEndpoint.Tcp("127.0.0.1", server.port()),
                     Duration.ofMillis(500))) {
            assertThat(connection.read(3, FunctionCode.READ_HOLDING_REGISTERS, 0, 2, Duration.ofMillis(500)))
                    .containsExactly(42, 43);
            connection.writeSingle(3, 100, 160);
            connection.writeMultiple(3, 100, 160);
            assertThat(server.requests()).isEqualTo(3);
        }
    }

    /** A TCP peer answering each request with its registers all 42, from another unit or to another transaction. */
    private static void tcpReplyRefused(boolean otherTransaction) throws Exception {
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> {
            int[] words = new int[r.count()];
            Arrays.fill(words, 42);
            out.write(otherTransaction ? r.reply(r.transaction() + 1, r.unit(), words)
                    : r.reply(r.transaction(), r.unit() + 1, words));
        })) {
            try (J2modLink link = new J2modLink(new BusEndpoint.Tcp("127.0.0.1", server.port()),
                    Duration.ofMillis(500))) {
                FieldReadException e = catchThrowableOfType(
                        () -> link.read(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 2), FieldReadException.class);
                assertThat(e).as(otherTransaction ? "transaction n asked, n + 1 answered: taken as the answer"
                        : "unit 1 asked, unit 2 answered: its registers were taken for unit 1's").isNotNull();
                assertThat(e.kind()).isEqualTo(FailureKind.GARBLED);
                assertThat(e.getMessage()).contains("unit 1");
                if (!otherTransaction) {
                    assertThat(e.getMessage()).as("names the unit that answered").contains("unit 2");
                }
            }
        }
    }

    @TempDir
    Path dir;

    /**
     * Unit 1 asked on a serial line, unit 2's whole reply of registers come (its CRC good): refused, and carried as unit
     * 2's ({@link FieldReadException#anotherUnit}), as over TCP, so that the commands advise another unit's reply, not a
     * wrong baud rate. Until 2026-12-07 (rtu62) a plain {@code GARBLED} in j2mod's words ({@code Unit ID mismatch}).
     */
    @Test
    void anRtuReplyFromAnotherUnitIsRefused() throws Exception {
        String socat = ExternalTools.require("socat");
        try (SocatPair line = new SocatPair(socat, dir)) {
            Thread t = new Thread(() -> {
                try (FileInputStream in = new FileInputStream(line.slave.toFile());
                        FileOutputStream out = new FileOutputStream(line.slave.toFile())) {
                    while (true) {
                        byte[] req = new byte[8];
                        int got = 0;
                        while (got < 8) {
                            int n = in.read(req, got, 8 - got);
                            if (n < 0) {
                                return;
                            }
                            got += n;
                        }
                        int count = ((req[4] & 0xFF) << 8) | (req[5] & 0xFF);
                        byte[] reply = new byte[3 + 2 * count + 2];
                        reply[0] = (byte) ((req[0] & 0xFF) + 1); // another unit
                        reply[1] = req[1];
                        reply[2] = (byte) (2 * count);
                        for (int i = 0; i < count; i++) {
                            reply[3 + 2 * i + 1] = (byte) 42;
                        }
                        int crc = crc(reply, reply.length - 2);
                        reply[reply.length - 2] = (byte) crc;
                        reply[reply.length - 1] = (byte) (crc >> 8);
                        out.write(reply);
                        out.flush();
                    }
                } catch (Exception ignored) {
                    // the line closed
                }
            });
            t.setDaemon(true);
            t.start();
            try (J2modLink link = new J2modLink(new BusEndpoint.Serial(line.master.toString(), 9600, "none", 8, 1),
                    Duration.ofMillis(500))) {
                FieldReadException e = catchThrowableOfType(
                        () -> link.read(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 2), FieldReadException.class);
                assertThat(e).as("unit 1 asked, unit 2 answered: its registers were taken for unit 1's").isNotNull();
                assertThat(e.kind()).isEqualTo(FailureKind.GARBLED);
                assertThat(e.anotherUnit()).as(e.getMessage()).hasValue(2);
                assertThat(e.getMessage()).contains("unit 1: the reply came from unit 2, not the unit asked");
            }
        }
    }

    private static int crc(byte[] b, int len) {
        int crc = 0xFFFF;
        for (int i = 0; i < len; i++) {
            crc ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }
}
