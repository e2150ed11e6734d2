package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.FailureRateHint;
import org.orderly.gateway.field.LateAsks;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.gateway.field.TimeoutBound;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * A DL/T 645 meter that answers, but later than its bus's {@code timing.timeoutMs}, times out at every poll exactly
 * like an absent one. The running gateway's WARN at its third failed poll in a row says, once it has asked it again
 * given longer on the same line ({@link org.orderly.gateway.field.SlowAnswer}, as the Modbus poller's WARN does), that
 * it answers, after how long, and what to give the bus's {@code timing.timeoutMs}; of a meter silent even so it says
 * the timeout alone. The peer is the simulated meter on a pty, answering 1000 ms late and only when not asked again in
 * the meantime (dlt645_meter.py's {@code late_ms}): the poller's retries and next polls, each within that, are never
 * answered, so no late answer comes during a later request, however loaded the machine. The bus waits 150 ms. Until
 * 2026-12-06 the WARN said only {@code TIMEOUT}.
 */
class Dlt645SlowMeterWarnTest {
    private static final String SPEC = """
            {"meters": {"000000123456": {"02030000": 12.3456}},
             "late_ms": {"000000123456": 1000}}
            """;
    /**
     * One retry a poll, 100 ms apart; a cycle with room for the pile meter's read (a whole timeout) after the transformer
     * meter's two tries: the meter is asked again well within its 1000 ms.
     */
    private static final BusTiming TIMING = new BusTiming(Duration.ofMillis(800), Duration.ofMillis(5),
            Duration.ofMillis(150), 1, Duration.ofMillis(100), Duration.ofMillis(100));

    @TempDir
    Path dir;

    @Test
    void theWarnOfAMeterAnsweringLateSaysSoAndTheBusTimeoutToGive() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        Dlt645Meter late = new Dlt645Meter("tx", new MeterAddress("000000123456"), MeterRole.TRANSFORMER,
                List.of(DataId.POWER_TOTAL));
        // not served: silent however long it is given
        Dlt645Meter absent = new Dlt645Meter("p1", new MeterAddress("000000000099"), MeterRole.PILE,
                List.of(DataId.POWER_TOTAL));
        try (SocatPair line = new SocatPair(socat, dir);
             SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even");
             CapturedLog log = new CapturedLog();
             Dlt645Poller poller = new Dlt645Poller("room-645", () -> JSerialCommLine.open(
                     new BusEndpoint.Serial(line.master.toString(), 2400, "even", 8, 1)), FailureRateHint.RS485, TIMING,
                     TimeoutBound.ANY, List.of(late, absent), new LatestReadings(), new PollListener() { },
                     Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL)) {
            // Until both WARNs are said: counted in polls, not timed (a poll answered now and then only delays them).
            for (int cycle = 0; cycle < 20 && log.lines("WARN", "failed: ").size() < 2; cycle++) {
                poller.runCycle();
            }
            poller.runCycle(); // its wait asks the pile meter, given what is left before the transformer read
            assertThat(log.lines("WARN", "meter tx failed")).as(meters.log()).singleElement().asString()
                    .contains("TIMEOUT").matches(".*DL/T 645 line room-645: meter tx failed: TIMEOUT: .*; its last 3 polls"
                            + " all failed; it answers, but only after \\d+ ms, later than timing.timeoutMs 150 of bus"
                            + " 'room-645' waits \\(a slow meter, or an RS-485-to-Ethernet converter holding its replies"
                            + " back\\): give timing.timeoutMs \\d+00 of bus 'room-645', twice what it took; its address"
                            + " and the line are right");
            // a pile meter on the transformer meter's line: asked later, in what a cycle leaves before that read
            // (Dlt645SlowAskTransformerOnTimeTest)
            assertThat(log.lines("WARN", "meter p1 failed")).as(meters.log()).singleElement().asString()
                    .contains("TIMEOUT").endsWith("; its last 3 polls all failed; " + LateAsks.WARN_SAYS);
            assertThat(log.lines("WARN", "meter p1, whose polls time out")).as(meters.log()).singleElement().asString()
                    // what the cycle of the ask leaves after its own pile meter read: some, or less than the timeout
                    .matches(".*meter p1, whose polls time out \\(said above\\)(, is silent even given \\d+ ms, what a"
                            + " cycle leaves before the transformer read; asked no longer \\(elsewhere 3000 ms\\), not to"
                            + " push that read, the overload protection's, late: a meter slower than that cannot be read on"
                            + " this bus|, not asked again given longer: the \\d+ ms a cycle leaves before the transformer"
                            + " read is no more than its 150 ms timeout; it could be asked longer only by pushing the"
                            + " transformer meter's read, the overload protection's, late)");
        }
    }
}
