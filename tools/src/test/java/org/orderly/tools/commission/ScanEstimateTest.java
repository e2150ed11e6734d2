package org.orderly.tools.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.BusEndpoint;

/**
 * The scan's "up to" from the code's own timings (arithmetic only, nothing timed): on a serial line --timeout-ms, 1.7
 * times the 8-byte request's time on the wire and a gap of 4 characters (2 ms at least; 1.75 ms above 19200 baud); over
 * TCP --timeout-ms twice, the connection made again after each timeout. Until 2026-12-03 it counted --timeout-ms alone.
 */
class ScanEstimateTest {
    private static final Duration MS_300 = Duration.ofMillis(300);

    @Test
    void aSerialUnitCostsTheTimeoutTheRequestOnTheLineAndTheGap() {
        BusEndpoint.Serial line = new BusEndpoint.Serial("/dev/ttyUSB0", 9600, "none", 8, 1);
        // 10 bits a character at 9600 baud: 1.0417 ms; 1.7 x 8 characters 14.17 ms, the gap 4 characters 4.17 ms
        assertThat(ScanEstimate.character(line)).isEqualTo(Duration.ofNanos(1_041_667));
        ScanEstimate e = ScanEstimate.of(line, MS_300);
        assertThat(e.line()).isBetween(Duration.ofNanos(18_333_000), Duration.ofNanos(18_334_000));
        assertThat(e.reconnect()).isZero();
        assertThat(e.said(247)).isEqualTo("a unit that does not answer costs up to 319 ms (--timeout-ms 300, and 19 ms for the "
                + "request on the line and the gap after it): up to 79 s");
    }

    @Test
    void aSlowLineWithParityCostsMore() {
        // 11 bits a character at 1200 baud: 9.1667 ms; 1.7 x 8 of them 124.67 ms, the gap 36.67 ms
        ScanEstimate e = ScanEstimate.of(new BusEndpoint.Serial("/dev/ttyUSB0", 1200, "even", 8, 1), MS_300);
        assertThat(e.perUnit()).isBetween(Duration.ofMillis(461), Duration.ofMillis(462));
    }

    @Test
    void aFastLineKeepsJ2modsShortGap() {
        // 10 bits at 115200 baud: 86.8 us; 1.7 x 8 of them 1.18 ms, the gap 1.75 ms (4 characters would be 0.35 ms)
        ScanEstimate e = ScanEstimate.of(new BusEndpoint.Serial("/dev/ttyUSB0", 115200, "none", 8, 1), MS_300);
        assertThat(e.line()).isBetween(Duration.ofMillis(2).plusNanos(930_000), Duration.ofMillis(2).plusNanos(931_000));
    }

    @Test
    void aTcpUnitCostsTheTimeoutTwice() {
        ScanEstimate e = ScanEstimate.of(new BusEndpoint.Tcp("127.0.0.1", 502), Duration.ofMillis(200));
        assertThat(e.perUnit()).isEqualTo(Duration.ofMillis(400));
        assertThat(e.said(248)).isEqualTo("a unit that does not answer costs up to 400 ms (--timeout-ms 200 for its answer, and "
                + "as long again to connect anew: a timeout drops the connection): up to 100 s");
    }

    /**
     * A unit that answers is asked its model probes, each awaited --answered-timeout-ms, not --timeout-ms: the heading
     * says what each such unit adds, since which answer is not known before the scan. Until 2026-12-04 it said nothing
     * of them, and its "up to" held only for a line of silent units.
     */
    @Test
    void aUnitThatAnswersAddsItsModelProbesAtTheAnsweredTimeout() {
        ScanEstimate serial = ScanEstimate.of(new BusEndpoint.Serial("/dev/ttyUSB0", 9600, "none", 8, 1), MS_300);
        // 1000 ms and the 18.33 ms of the line for each of 12 probes: 12.22 s
        // Each says what it adds to the option's wait, as the unit that does not answer does (until 2026-12-06 the
        // option alone: "up to 3000 ms (--answered-timeout-ms 1500)").
        assertThat(serial.saidOfAnswering(12, Duration.ofMillis(1000))).isEqualTo("each unit that answers adds up to 12 model"
                + " probes of up to 1019 ms (--answered-timeout-ms 1000, and 19 ms for the request on the line and the gap after"
                + " it): up to 13 s");
        ScanEstimate tcp = ScanEstimate.of(new BusEndpoint.Tcp("127.0.0.1", 502), Duration.ofMillis(200));
        assertThat(tcp.saidOfAnswering(1, Duration.ofMillis(1500))).isEqualTo("each unit that answers adds up to 1 model"
                + " probe of up to 3000 ms (--answered-timeout-ms 1500 for its answer, and as long again to connect anew: a"
                + " timeout drops the connection): up to 3 s");
    }
}
