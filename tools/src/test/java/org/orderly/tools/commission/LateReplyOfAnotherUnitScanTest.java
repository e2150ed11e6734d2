package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.testkit.Await;
import org.orderly.testkit.ChildProcess;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.LateRtuUnit;
import org.orderly.testkit.SocatPair;
import org.orderly.tools.testing.OrderlyRun;

/**
 * {@code orderly modbus scan} of an RTU line (a socat pty pair) whose one meter, unit 6, answers late: its reply is sent
 * only once the next request has been read (late_rtu_unit.py's {@code next}), so it comes down the line while the scan
 * asks unit 7, which is not there, whatever the machine's load (unit 6 itself is passed over: silent in its own
 * exchange). Until 2026-12-07 that exchange, cut at its deadline while unit 6's bytes came, was taken as unit 7
 * beginning to reply too slowly, and unit 7 listed (a fresh-clone CI run at load ~21 listed an absent unit so, pymodbus
 * answering late). Until the follow-up of 2026-12-07 unit 6's reply was sent 350 ms after its request: a scan whose
 * 300 ms deadline slipped past that on a loaded machine took the reply as unit 6's and probed it again, so the rig's
 * second request was never unit 7's and the test failed waiting for it ({@code not within 30000 ms: the meter's
 * reading of unit 7's request}, once in 3 runs).
 */
class LateReplyOfAnotherUnitScanTest {

    @TempDir
    Path dir;

    @Test
    void anotherUnitsLateDrippedReplyDoesNotMakeAnAbsentUnitPresent() throws Exception {
        assertNoUnitListed("0.1");
    }

    /**
     * Unit 6's late reply sent whole: j2mod refuses it as another unit's, and until 2026-12-07 unit 7 was listed as
     * {@code garbled replies: wrong baud rate or parity, or two devices with this unit id}.
     */
    @Test
    void anotherUnitsLateWholeReplyDoesNotMakeAnAbsentUnitPresent() throws Exception {
        assertNoUnitListed("0");
    }

    /**
     * Unit 6's late answer an exception frame (02, illegal data address), come during unit 7's first request (sent only
     * once the next request has been read, {@code next}): j2mod threw it as unit 7's refusal, and until the read of
     * 2026-12-07 unit 7 was listed ({@code 7 ? - answers, but no known map fits: a meter? ...}), each of its model probes
     * given --answered-timeout-ms. Another unit's exception is refused as its reply of registers is, and unit 7 asked
     * again.
     */
    @Test
    void anotherUnitsLateExceptionDoesNotMakeAnAbsentUnitPresent() throws Exception {
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
                ChildProcess meter = LateRtuUnit.start(line, 6, dir.resolve("meter.log"), "next", "0", "2")) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--port", line.master.toString(), "--baud", "9600", "--units", "6-7",
                    "--timeout-ms", "300", "--devices", "../config/devices");

            // The meter says it replied once the reply's last byte is sent, which may be after the scan ended: a bound
            // for a failure, not a time the test measures
            Await.until("the meter's exception reply to unit 6's request, sent once unit 7's was read",
                    Duration.ofSeconds(30), () -> meter.log().contains("replied unit 6"));
            assertThat(meter.log()).as("the rig: unit 6's exception sent once unit 7's request was read")
                    .containsSubsequence("request 1 unit 6", "request 2 unit 7", "replied unit 6");
            assertThat(r.out().lines().filter(l -> l.startsWith("rtu:")).toList())
                    .as("%s%s; the meter's log: %s", r.out(), r.err(), meter.log()).isEmpty();
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
        }
    }

    /**
     * A unit that does answer garbled (here a bad CRC each time, as at a wrong baud rate) is still listed so: asked again,
     * it answers garbled again. Its --timeout-ms is long: this rig has no late unit whose timing matters, and pymodbus
     * answering later than a short one on a loaded machine would have the unit absent for the time alone.
     */
    @Test
    void aUnitAnsweringGarbledIsStillListedSo() throws Exception {
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
                ModbusSim sim = ModbusSim.rtu(ExternalTools.require("python3-pymodbus"), dir, ModbusSim.units(1,
                        RegisterMapLoader.load(Path.of("../config/devices/chint-dtsu666.yaml"))), Set.of(9), line.slave,
                        line.master, 9600)) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--port", line.master.toString(), "--baud", "9600", "--units", "9-9",
                    "--timeout-ms", "5000", "--devices", "../config/devices");

            assertThat(r.out().lines().filter(l -> l.startsWith("rtu:")).toList()).as("%s%s", r.out(), r.err())
                    .singleElement(InstanceOfAssertFactories.STRING)
                    .matches("rtu:\\S+@9600/none\\s+9\\s+\\?\\s+-\\s+garbled replies: wrong baud rate or parity, or two devices"
                            + " with this unit id");
        }
    }

    /**
     * Scans units 6 and 7, unit 6 answering each request once the next has been read, each byte of its reply {@code
     * secondsPerByte} apart.
     */
    private void assertNoUnitListed(String secondsPerByte) throws Exception {
        try (SocatPair line = new SocatPair(ExternalTools.require("socat"), dir);
                ChildProcess meter = LateRtuUnit.start(line, 6, dir.resolve("meter.log"), "next", secondsPerByte)) {
            OrderlyRun r = OrderlyRun.of("modbus", "scan", "--port", line.master.toString(), "--baud", "9600", "--units", "6-7",
                    "--timeout-ms", "300", "--devices", "../config/devices");

            // The meter says it replied once the reply's last byte is sent, which may be after the scan ended: a bound
            // for a failure, not a time the test measures
            Await.until("the meter's reply to unit 6's request, sent once unit 7's was read", Duration.ofSeconds(30),
                    () -> meter.log().contains("replied unit 6"));
            assertThat(meter.log()).as("the rig: unit 6's reply sent once unit 7's request was read").containsSubsequence(
                    "request 1 unit 6", "request 2 unit 7", "replied unit 6");
            assertThat(r.out().lines().filter(l -> l.startsWith("rtu:")).toList())
                    .as("%s%s; the meter's log: %s", r.out(), r.err(), meter.log()).isEmpty();
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("no meter answered");
        }
    }
}
