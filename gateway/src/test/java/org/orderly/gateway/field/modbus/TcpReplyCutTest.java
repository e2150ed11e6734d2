package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orderly.serial.TcpMaster;
import org.orderly.testkit.ScriptedModbusTcp;

/**
 * A Modbus TCP exchange cut at its deadline is judged by the bytes that came ({@code TcpMaster} counts what j2mod reads):
 * a header carrying another unit's id (a TCP-to-RS-485 gateway passing on a late reply of a unit asked before) is that
 * unit's reply, not the unit asked beginning to reply; no byte at all is a silent unit's timeout. Until the follow-up of
 * 2026-12-07 every cut over TCP was the unit asked's own reply begun: the tools told it "answered, but its reply did not
 * come whole", a scan listed it, and the poller did not ask it late. A scripted server on 127.0.0.1 sends the header at
 * once, then the rest of a reply of 125 registers a byte every 100 ms against a 1 s timeout: the deadline (1.1 s) cuts
 * it, the reply 25 s from whole. Until the mend of 2026-12-07 it was 2 registers against 300 ms, the reply whole 200 ms
 * after the deadline: a deadline thread woken that late on a loaded machine read it whole, and the test failed.
 */
class TcpReplyCutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final int HEADER_AND_UNIT = 7;
    /**
     * The wait for each byte of a dripped reply: long beside the 100 ms between its bytes, so that a server thread woken
     * late does not have the socket's wait run out before the deadline cuts.
     */
    private static final Duration DRIP_TIMEOUT = Duration.ofSeconds(1);
    /** The most registers one read may ask (Modbus): dripped, the reply is 25 s from whole. */
    private static final int LONGEST_READ = 125;

    @ParameterizedTest(name = "unit 7 asked, a header of unit {0} came: the unit asked's = {1}")
    @CsvSource({"6, false", "7, true"})
    void aCutIsTheUnitAskedsOnlyWhenItsHeaderSaysSo(int replying, boolean ofUnitAsked) throws Exception {
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> drip(r.reply(r.transaction(), replying,
                new int[LONGEST_READ]), out));
                J2modLink link = new J2modLink(new BusEndpoint.Tcp("127.0.0.1", server.port()), DRIP_TIMEOUT)) {
            FieldReadException e = catchThrowableOfType(() -> link.read(7, FunctionCode.READ_HOLDING_REGISTERS, 0,
                    LONGEST_READ), FieldReadException.class);

            assertThat(e).isNotNull();
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(e.replyCut()).as(e.getMessage()).contains(new ReplyCut(Duration.ofMillis(1100), DRIP_TIMEOUT,
                    ofUnitAsked));
            if (!ofUnitAsked) {
                assertThat(e.getMessage()).contains("began with unit 6's header, not the unit asked");
                assertThat(LateAnswer.silent(e)).as("unit 7 not known to answer: asked late as a silent one").isTrue();
            }
        }
    }

    /**
     * Unit 2's header and unit id come at once, the rest never (a TCP-to-RS-485 gateway passing on what it heard of unit
     * 2's late reply, then nothing): the socket's wait for the next byte runs out, before the deadline, a plain timeout of
     * unit 1's request, which is no silence of unit 1: a cut of unit 2's reply, as if the deadline had cut it (on a loaded
     * machine it may, and the same is said). Until 2026-12-07 (tcp60) it was unit 1's silent {@code TIMEOUT}, no cut, in
     * j2mod's words alone, so that nothing said whose bytes came.
     */
    @Test
    void aTimeoutAfterAnotherUnitsHeaderIsNotSilence() throws Exception {
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> out.write(r.reply(r.transaction(), 2, new int[] {5, 6}),
                0, HEADER_AND_UNIT));
                J2modLink link = new J2modLink(new BusEndpoint.Tcp("127.0.0.1", server.port()), TIMEOUT)) {
            FieldReadException e = catchThrowableOfType(() -> link.read(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 2),
                    FieldReadException.class);

            assertThat(e).isNotNull();
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(e.replyCut()).as(e.getMessage()).get().usingRecursiveComparison().ignoringFields("restMayStillCome")
                    .isEqualTo(new ReplyCut(Duration.ofMillis(400), TIMEOUT, false)); // the deadline may cut it on a loaded machine
            assertThat(e.getMessage()).contains("unit 1: no reply within 400 ms: what came began with unit 2's header, not the "
                    + "unit asked");
        }
    }

    /**
     * A cut with no byte come is no reply cut: the deadline came before the socket's own wait for the first byte ran out.
     * No rig makes the deadline come first without a loaded machine, so the judgement is asked of a master whose request
     * timed out with nothing come, as a cut one would have.
     */
    @ParameterizedTest(name = "{0} bytes of unit 6's header came")
    @CsvSource({"0", "3", "7"})
    void whatCameBeforeACutIsJudgedByItsBytes(int bytes) throws Exception {
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> out.write(Arrays.copyOf(r.reply(r.transaction(), 6, new int[] {
                5, 6}), bytes)))) {
            TcpMaster master = new TcpMaster("127.0.0.1", server.port(), Math.toIntExact(TIMEOUT.toMillis()));
            master.connect();
            master.setRetries(1);
            try {
                assertThat(catchThrowable(() -> master.readMultipleRegisters(7, 0, 2))).as("unit 7 read").isNotNull();

                assertThat(ModbusConnection.replyCut(master, 7, Duration.ofMillis(400), TIMEOUT)).as("%d bytes came", bytes)
                        .isEqualTo(bytes == 0 ? Optional.empty()
                                : Optional.of(new ReplyCut(Duration.ofMillis(400), TIMEOUT, bytes < HEADER_AND_UNIT)));
            } finally {
                master.disconnect();
            }
        }
    }

    /**
     * Writes {@code reply}'s header and unit id at once, then the rest a byte every 100 ms, until the connection is
     * closed under the read (the write then fails, and the server takes the next connection).
     */
    private static void drip(byte[] reply, OutputStream out) throws java.io.IOException, InterruptedException {
        out.write(reply, 0, HEADER_AND_UNIT);
        out.flush();
        for (int i = HEADER_AND_UNIT; i < reply.length; i++) {
            Thread.sleep(100);
            out.write(reply[i]);
            out.flush();
        }
    }
}
