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
import org.orderly.testkit.DeviceLocks;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.RepointedAdapter;
import org.orderly.testkit.SocatPair;

/**
 * A DL/T 645 line configured at a symlink (as /dev/serial/by-id/... is) whose adapter is pulled out, its device number
 * given to another adapter, and the symlink pointed at a new adapter: the line reads from the new one and never opens
 * the old number again, as a Modbus bus (SerialPathRepointedTest). Each open makes a jSerialComm port object of the
 * configured path then ({@link JSerialCommLine#open}), which follows the symlink at that moment.
 */
class Dlt645PathRepointedTest {
    private static final String SPEC = """
            {"meters": {"000000123456": {"02030000": 12.3456}}}
            """;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLineReadsFromTheAdapterItsPathNamesNowNotFromTheDeviceNumberItHadBefore() throws Exception {
        String python = ExternalTools.require("python3-serial");
        String socat = ExternalTools.require("socat");
        LatestReadings readings = new LatestReadings();
        Dlt645Meter meter = new Dlt645Meter("tx", new MeterAddress("000000123456"), MeterRole.TRANSFORMER,
                List.of(DataId.POWER_TOTAL));
        try (CapturedLog log = new CapturedLog();
                RepointedAdapter adapter = new RepointedAdapter(socat, dir);
                Dlt645Poller poller = poller(adapter.configured, meter, readings)) {
            try (SimulatedMeters meters = new SimulatedMeters(python, dir.resolve("first"), SPEC, adapter.first, 2400, "even")) {
                // A fresh pseudo-terminal is at times said in use (error 11) at its first open on a loaded machine.
                Await.until("a first reading", WAIT, () -> readings.latest("tx").isPresent(), poller::runCycle);
                assertThat(adapter.oldNumberHeldHere()).as("the line holds " + adapter.oldDevice).isTrue();

                adapter.first.pullOut();
                Await.until("the port of " + adapter.oldDevice + " closed by the line", WAIT,
                        () -> !adapter.oldNumberHeldHere(), poller::runCycle);
            }
            SocatPair second = adapter.repoint();
            try (SimulatedMeters meters = new SimulatedMeters(python, dir.resolve("second"), SPEC, second, 2400, "even")) {
                Reading beforePulledOut = readings.latest("tx").orElseThrow();
                Await.until("a reading from the adapter now at " + adapter.configured, WAIT,
                        () -> readings.latest("tx").filter(r -> r != beforePulledOut).isPresent(), () -> {
                            poller.runCycle();
                            assertThat(adapter.oldNumberHeldHere()).as("the line opened again " + adapter.otherAdapter()
                                    + "; " + log.text()).isFalse();
                        });
                assertThat(DeviceLocks.heldHere(DeviceLocks.key(second.master))).as(log.text()).isTrue();
            }
        }
    }

    private static Dlt645Poller poller(Path port, Dlt645Meter meter, LatestReadings readings) {
        BusEndpoint.Serial endpoint = new BusEndpoint.Serial(port.toString(), 2400, "even", 8, 1);
        BusTiming timing = new BusTiming(Duration.ofMillis(200), Duration.ofMillis(5), Duration.ofMillis(600), 0,
                Duration.ofMillis(10), Duration.ofMillis(10));
        return Dlt645Pollers.onSerialPort("room-645", () -> JSerialCommLine.open(endpoint), timing, List.of(meter), readings,
                new PollListener() { }, Clock.systemUTC(), Ticker.SYSTEM, Sleeper.REAL);
    }
}
