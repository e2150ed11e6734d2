package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Reading;
import org.orderly.gateway.field.modbus.Sleeper;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * A DL/T 645 line's RS-485 adapter pulled out while its port is open (socat killed under the line's pseudo-terminal):
 * the line's close returns (bounded as a Modbus bus's is: SerialAdapterPulledOutTest), its poller goes on trying the
 * port and reads again once an adapter is back at the same path.
 */
class Dlt645AdapterPulledOutTest {
    private static final String SPEC = """
            {"meters": {"000000123456": {"02030000": 12.3456}}}
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLineWhoseAdapterWasPulledOutGoesOnTryingAndReadsWhenItIsBack() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        BusEndpoint.Serial endpoint = new BusEndpoint.Serial(dir.resolve("ttyMaster").toString(), 2400, "even", 8, 1);
        BusTiming timing = new BusTiming(Duration.ofMillis(200), Duration.ofMillis(5), Duration.ofMillis(600), 0,
                Duration.ofMillis(10), Duration.ofMillis(10));
        LatestReadings readings = new LatestReadings();
        Dlt645Meter meter = new Dlt645Meter("tx", new MeterAddress("000000123456"), MeterRole.TRANSFORMER,
                List.of(DataId.POWER_TOTAL));
        try (CapturedLog log = new CapturedLog();
                Dlt645Poller poller = Dlt645Pollers.onSerialPort("room-645", () -> JSerialCommLine.open(endpoint), timing,
                        List.of(meter), readings, new PollListener() { }, Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL)) {
            try (SocatPair line = new SocatPair(socat, dir);
                    SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even")) {
                // A fresh pseudo-terminal is at times said in use (error 11) at its first open on a loaded machine.
                Await.until("a first reading", Duration.ofSeconds(60), () -> readings.latest("tx").isPresent(),
                        poller::runCycle);
                line.pullOut();
                poller.runCycle();
            }
            Reading beforePulledOut = readings.latest("tx").orElseThrow();
            poller.runCycle();
            assertThat(log.lines("WARN", "nothing is at that path")).as(log.text()).isNotEmpty();

            try (SocatPair line = new SocatPair(socat, dir);
                    SimulatedMeters meters = new SimulatedMeters(python, dir, SPEC, line, 2400, "even")) {
                Await.until("a reading from the adapter back at " + line.master, Duration.ofSeconds(60),
                        () -> readings.latest("tx").filter(r -> r != beforePulledOut).isPresent(), poller::runCycle);
                poller.close();
            }
        }
    }
}
