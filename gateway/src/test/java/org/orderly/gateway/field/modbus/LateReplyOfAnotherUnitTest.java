package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LateRtuUnit;
import org.orderly.testkit.ScriptedModbusTcp;
import org.orderly.testkit.SocatPair;

/**
 * A late reply of another unit, come down the line during the exchange of the unit asked, is not that unit's answer:
 * not its refusal (a whole exception frame), not its reply begun (bytes cut at the deadline), and not its silence. An
 * RTU line is a socat pty pair with late_rtu_unit.py on it, unit 6 answering each request only once the next request
 * has been read ({@code next}), so that its reply comes during the next exchange whatever the machine's load; unit 7
 * is not on the line. Modbus TCP through a scripted server on 127.0.0.1.
 */
class LateReplyOfAnotherUnitTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    /**
     * Unit 6's late exception frame (02, illegal data address) comes during unit 7's exchange. Until the read of
     * 2026-12-07 it was unit 7's {@code EXCEPTION_RESPONSE}: its registers refused, a poll published without them.
     */
    @Test
    void anotherUnitsLateExceptionIsNotTheUnitAskedsRefusal() throws Exception {
        Reads reads = reads(List.of("next", "0", "2"), 6, 7);
        assertThat(reads.failures().get(0)).as("unit 6, its answer held back; its log: %s", reads.log()).isNotNull();

        FieldReadException e = reads.failures().get(1);
        assertThat(e).as("unit 7, unit 6's exception come during its exchange; its log: %s", reads.log()).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(FailureKind.GARBLED);
        assertThat(e.getMessage()).contains("unit 7", "came from unit 6, not the unit asked");
    }

    /** The unit asked's own exception frame is its refusal, as before. */
    @Test
    void theUnitAskedsOwnExceptionIsItsRefusal() throws Exception {
        Reads reads = reads(List.of("0", "0", "2"), 6);
        FieldReadException e = reads.failures().get(0);
        assertThat(e).as("unit 6's log: %s", reads.log()).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(FailureKind.EXCEPTION_RESPONSE);
    }

    /**
     * Over Modbus TCP an exception frame carrying another unit id in its header is no more the unit asked's than a reply
     * of registers carrying it (ReplyFromAnotherUnitTest); until the read of 2026-12-07 it was its refusal. A unit's own
     * exception after another unit's answer on the same connection is still its refusal.
     */
    @Test
    void anExceptionOverTcpFromAnotherUnitIsNotTheUnitAskedsRefusal() throws Exception {
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> out.write(r.unit() == 1
                ? r.reply(new int[] {5, 6})
                : new byte[] {(byte) (r.transaction() >> 8), (byte) r.transaction(), 0, 0, 0, 3, (byte) (r.unit() == 2 ? 2 : 4),
                    (byte) (r.function() | 0x80), 2}));
                J2modLink link = new J2modLink(new BusEndpoint.Tcp("127.0.0.1", server.port()), TIMEOUT)) {
            assertThat(read(link, 1)).containsExactly(5, 6);
            FieldReadException own = catchThrowableOfType(() -> read(link, 2), FieldReadException.class);
            assertThat(own.kind()).as(own.getMessage()).isEqualTo(FailureKind.EXCEPTION_RESPONSE);

            FieldReadException other = catchThrowableOfType(() -> read(link, 3), FieldReadException.class);
            assertThat(other.kind()).as(other.getMessage()).isEqualTo(FailureKind.GARBLED);
            assertThat(other.getMessage()).contains("unit 3", "came from unit 4, not the unit asked");
        }
    }

    /**
     * Unit 2's late exception frame (a TCP-to-RS-485 gateway's target failed to respond) comes in one TCP segment with
     * unit 1's reply: it is the answer to the next request to unit 1, and not unit 1's refusal. j2mod reads the socket
     * through a buffer of its own; as first merged on 2026-12-07, counting the socket's bytes, that frame was held there
     * and read from it without a byte off the socket, nothing said whose it was, and it was unit 1's {@code TIMEOUT}
     * ({@code Gateway Target Device Failed to Respond}); before that day, j2mod's parsed reply told unit 2, as now.
     */
    @Test
    void anotherUnitsExceptionInTheSegmentOfTheReplyBeforeIsNotTheNextRefusal() throws Exception {
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> {
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(r.reply(new int[] {5, 6}));
            both.writeBytes(new byte[] {0, 0, 0, 0, 0, 3, 2, (byte) 0x83, 0x0B});
            out.write(both.toByteArray());
        });
                J2modLink link = new J2modLink(new BusEndpoint.Tcp("127.0.0.1", server.port()), TIMEOUT)) {
            assertThat(read(link, 1)).containsExactly(5, 6);

            FieldReadException e = catchThrowableOfType(() -> read(link, 1), FieldReadException.class);
            assertThat(e).as("unit 1 asked again, unit 2's exception frame read").isNotNull();
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(FailureKind.GARBLED);
            assertThat(e.getMessage()).contains("unit 1", "an exception reply came from unit 2, not the unit asked");
            assertThat(e.anotherUnit()).hasValue(2);
        }
    }

    /**
     * Unit 6's late reply comes during unit 7's exchange, a byte every 100 ms, and the exchange is cut at its deadline: a
     * cut of a reply not unit 7's ({@link ReplyCut#ofUnitAsked} false), not unit 7 beginning to reply, and not unit 7
     * silent (until the read of 2026-12-07 a plain {@code TIMEOUT}, no cut, as if unit 7 were silent). Or its next byte
     * after its address comes only 30 s later (a unit that stops mid-frame): the port's wait for it runs out, before the
     * deadline, a plain timeout of unit 7's request, which is no more unit 7's silence: the same cut, as if the deadline
     * had cut it (on a loaded machine it may), as over TCP ({@code
     * TcpReplyCutTest.aTimeoutAfterAnotherUnitsHeaderIsNotSilence}); until 2026-12-07 (rtu61) it was unit 7's silent
     * {@code TIMEOUT}, no cut, in j2mod's words alone ({@code aTimeoutAfterAnotherUnitsAddressIsNotSilence}, the 30 s case).
     */
    @ParameterizedTest(name = "unit 6's reply a byte every {0} s")
    @ValueSource(strings = {"0.1", "30"})
    void aTimeoutAfterAnotherUnitsAddressIsNotSilence(String secondsPerByte) throws Exception {
        Reads reads = reads(List.of("next", secondsPerByte), 6, 7);
        FieldReadException e = reads.failures().get(1);
        assertThat(e).as("unit 7; unit 6's log: %s", reads.log()).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.getMessage()).contains("unit 7: no reply within 418 ms: what came began with unit 6's address, not the "
                + "unit asked");
        assertThat(e.cutWhileReplying()).as("unit 7 did not begin to reply: %s", e.getMessage()).isFalse();
        assertThat(e.replyCut()).as(e.getMessage()).hasValueSatisfying(cut -> {
            assertThat(cut).usingRecursiveComparison().ignoringFields("restMayStillCome")
                    .isEqualTo(new ReplyCut(Duration.ofMillis(418), TIMEOUT, false));
            if (secondsPerByte.equals("0.1")) {
                assertThat(cut.restMayStillCome()).as("cut at the deadline, unit 6 still sending").isTrue();
            }
        });
    }

    /**
     * A single byte that is no unit's address (0, broadcast; 255, reserved), such as an RS-485 transceiver switching
     * direction puts on the line, before a silent unit 7's timeout: unit 7's plain silence, no cut. In rtu61's first merge
     * of 2026-12-07 it was a cut of "unit 0's" or "unit 255's" reply, and barred unit 7's retries in a poll's cycle.
     */
    @ParameterizedTest(name = "glitch byte {0}")
    @ValueSource(strings = {"0", "255"})
    void aGlitchByteBeforeASilentUnitIsNoOtherUnitsReply(String glitch) throws Exception {
        Reads reads = reads(List.of("0", "0", "none", glitch), 7);
        FieldReadException e = reads.failures().get(0);
        assertThat(e).as("unit 6's log: %s", reads.log()).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.getMessage()).as("unit 6's log: %s", reads.log()).doesNotContain("began with unit");
        assertThat(e.replyCut()).as("%s; unit 6's log: %s", e.getMessage(), reads.log()).isEmpty();
    }

    /**
     * A unit that never begins to reply is a silent unit's {@code TIMEOUT}, no cut: its port's wait for the first byte
     * runs out before the deadline. (A deadline that came first, with no byte, the machine too loaded to wake the read
     * in time, is the same: {@code ModbusConnection.notItsReply}; no rig here makes it come first.)
     */
    @Test
    void aUnitThatNeverBeginsToReplyIsSilentNotCut() throws Exception {
        Reads reads = reads(List.of("0"), 7);
        FieldReadException e = reads.failures().get(0);
        assertThat(e).as("unit 6's log: %s", reads.log()).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(e.replyCut()).as(e.getMessage()).isEmpty();
    }

    /**
     * Two transformer meters on a serial line, polled on a 5 s cycle with two retries: unit 6 answering each request at
     * the next, a byte every 100 ms, and unit 7, not there, whose first exchange unit 6's late reply cuts. Unit 7 is
     * not retried in the cycle: the retry would wait out the rest of that reply first, as after a cut of its own
     * ({@code BusPoller.cycleHasRoomForRetry}). Until the read of 2026-12-07 the cut was unit 7's silent timeout, and
     * its retries counted as such: 3 requests in the cycle.
     */
    @Test
    void aPollCutByAnotherUnitsLateReplyIsRetriedAsACut() throws Exception {
        BusTiming timing = new BusTiming(Duration.ofMillis(5000), Duration.ofMillis(10), TIMEOUT, 2,
                Duration.ofMillis(20), Duration.ofMillis(200));
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
                ChildProcess unit6 = lateUnit6(line, "next", "0.1")) {
            BusEndpoint.Serial endpoint = serial(line);
            CollectingListener listener = new CollectingListener();
            try (BusPoller poller = BusPollers.onLink(new Bus("late", endpoint, timing, List.of(
                    new Meter("tx6", 6, OneRegisterMap.POWER, MeterRole.TRANSFORMER),
                    new Meter("tx7", 7, OneRegisterMap.POWER, MeterRole.TRANSFORMER))), new J2modLink(endpoint, TIMEOUT),
                    new LatestReadings(), listener, Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL)) {
                poller.runCycle();
            }
            assertThat(listener.failures).as("unit 6's log: %s", unit6.log()).filteredOn(f -> f.meterId().equals("tx7"))
                    .singleElement().satisfies(f -> {
                        assertThat(f.attempts()).as("requests sent to unit 7 in the cycle: %s", f.message()).isEqualTo(1);
                        assertThat(f.kind()).as(f.message()).isEqualTo(FailureKind.TIMEOUT);
                        assertThat(f.message()).contains("began with unit 6's address");
                    });
        }
    }

    /** What reads of {@code units} in turn threw (null where one answered), and unit 6's log after them. */
    private record Reads(List<FieldReadException> failures, String log) {
    }

    /** Reads 2 registers of each of {@code units} in turn on a line with unit 6 given {@code options} (lateUnit6). */
    private Reads reads(List<String> options, int... units) throws Exception {
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
                ChildProcess unit6 = lateUnit6(line, options.toArray(String[]::new));
                J2modLink link = new J2modLink(serial(line), TIMEOUT)) {
            List<FieldReadException> failures = new ArrayList<>();
            for (int unit : units) {
                failures.add(catchThrowableOfType(() -> read(link, unit), FieldReadException.class));
            }
            return new Reads(failures, unit6.log());
        }
    }

    private static int[] read(J2modLink link, int unit) throws Exception {
        return link.read(unit, FunctionCode.READ_HOLDING_REGISTERS, 0, 2);
    }

    private static BusEndpoint.Serial serial(SocatPair line) {
        return new BusEndpoint.Serial(line.master.toString(), 9600, "none", 8, 1);
    }

    /** late_rtu_unit.py as unit 6 on the slave end of {@code line} at 9600 baud, {@code options} after the unit. */
    private ChildProcess lateUnit6(SocatPair line, String... options) throws Exception {
        return LateRtuUnit.start(line, 6, dir.resolve("unit6.log"), options);
    }
}
