package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;
import org.orderly.testkit.DeviceLocks;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.RepointedAdapter;
import org.orderly.testkit.SocatPair;

/**
 * A Modbus RTU bus configured at a symlink (as /dev/serial/by-id/... is) whose adapter is pulled out, its device number
 * given to another adapter, and the symlink pointed at a new adapter: the bus reads from the new one and never opens
 * the old number again. jSerialComm resolves a path to a device when its port object is made, and j2mod reopened that
 * object after its disconnection listener had closed it: until 2026-12-05 the bus opened the other adapter's device (a
 * pile bus, or in the tests another surefire fork's pseudo-terminal: {@code error 11: in use} when that fork's bus held
 * it).
 */
class SerialPathRepointedTest {
    private static final BusTiming TIMING = new BusTiming(Duration.ofMillis(300), Duration.ofMillis(5), Duration.ofMillis(150), 0,
            Duration.ofMillis(10), Duration.ofMillis(40));
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBusReadsFromTheAdapterItsPathNamesNowNotFromTheDeviceNumberItHadBefore() throws Exception {
        String python = ExternalTools.require("python3-pymodbus");
        String socat = ExternalTools.require("socat");
        LatestReadings readings = new LatestReadings();
        try (CapturedLog log = new CapturedLog();
                RepointedAdapter adapter = new RepointedAdapter(socat, dir);
                BusPoller poller = poller(adapter.configured, readings)) {
            try (PymodbusSlave slave = PymodbusSlave.rtu(python, dir.resolve("first"), spec(), adapter.first, 9600)) {
                poller.runCycle();
                assertThat(readings.latest("tx")).as(slave.log() + log.text()).isPresent();
                assertThat(adapter.oldNumberHeldHere()).as("the bus holds " + adapter.oldDevice).isTrue();

                adapter.first.pullOut();
                // j2mod's disconnection listener closes the port: its lock goes, the number is free
                Await.until("the port of " + adapter.oldDevice + " closed under the bus", WAIT,
                        () -> !adapter.oldNumberHeldHere());
            }
            SocatPair second = adapter.repoint();
            try (PymodbusSlave slave = PymodbusSlave.rtu(python, dir.resolve("second"), spec(), second, 9600)) {
                Reading beforePulledOut = readings.latest("tx").orElseThrow();
                Await.until("a reading from the adapter now at " + adapter.configured, WAIT,
                        () -> readings.latest("tx").filter(r -> r != beforePulledOut).isPresent(), () -> {
                            poller.runCycle();
                            assertThat(adapter.oldNumberHeldHere()).as("the bus opened again " + adapter.otherAdapter()
                                    + "; " + log.text()).isFalse();
                        });
                assertThat(DeviceLocks.heldHere(DeviceLocks.key(second.master))).as(log.text()).isTrue();
            }
        }
    }

    private static SlaveSpec spec() throws Exception {
        return new SlaveSpec().serve(1, DeviceMaps.load("chint-dtsu666"));
    }

    private static BusPoller poller(Path port, LatestReadings readings) throws Exception {
        Bus bus = new Bus("room", new BusEndpoint.Serial(port.toString(), 9600, "none", 8, 1), TIMING,
                List.of(new Meter("tx", 1, DeviceMaps.load("chint-dtsu666"), MeterRole.TRANSFORMER)));
        return BusPollers.overJ2mod(bus, readings, new PollListener() { }, Clock.systemUTC(), Ticker.SYSTEM);
    }
}
