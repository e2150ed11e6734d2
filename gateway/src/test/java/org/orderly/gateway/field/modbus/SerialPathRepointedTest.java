package org.orderly.gateway.field.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
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
import org.orderly.testkit.PtyNumberTaken;
import org.orderly.testkit.SocatPair;

/**
 * A Modbus RTU bus configured at a symlink (as /dev/serial/by-id/... is) whose adapter is pulled out, its device number
 * given to another adapter, and the symlink pointed at a new adapter: the bus reads from the new one and never opens the
 * old number again. jSerialComm resolves a path to a device when its port object is made, and j2mod reopened that object
 * after its disconnection listener had closed it: until 2026-12-05 the bus opened the other adapter's device (a pile bus,
 * or in the tests another surefire fork's pseudo-terminal: {@code error 11: in use} when that fork's bus held it).
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
        Path configured = dir.resolve("usb-FTDI_RS485-if00-port0");
        LatestReadings readings = new LatestReadings();
        try (CapturedLog log = new CapturedLog()) {
            SocatPair first = new SocatPair(socat, Files.createDirectories(dir.resolve("first")));
            SocatPair second = null;
            PtyNumberTaken other = null;
            PymodbusSlave secondSlave = null;
            BusPoller poller = null;
            try {
                Path oldDevice = first.master.toRealPath();
                String oldNumber = DeviceLocks.key(oldDevice);
                Files.createSymbolicLink(configured, first.master);
                try (PymodbusSlave slave = PymodbusSlave.rtu(python, dir.resolve("first"), spec(), first, 9600)) {
                    poller = poller(configured, readings);
                    poller.runCycle();
                    assertThat(readings.latest("tx")).as(slave.log() + log.text()).isPresent();
                    assertThat(DeviceLocks.heldHere(oldNumber)).as("the bus holds " + oldDevice).isTrue();

                    first.pullOut();
                    // j2mod's disconnection listener closes the port: its lock goes, the number is free
                    Await.until("the port of " + oldDevice + " closed under the bus", WAIT,
                            () -> !heldHere(oldNumber));
                }
                other = new PtyNumberTaken(socat, dir, oldNumber);
                assumeTrue(other.end().isPresent(), "another process on the machine took " + oldDevice + "'s number");
                Path othersDevice = other.end().get();
                second = new SocatPair(socat, Files.createDirectories(dir.resolve("second")));
                secondSlave = PymodbusSlave.rtu(python, dir.resolve("second"), spec(), second, 9600);
                // udev points the adapter's name at its new device
                Files.delete(configured);
                Files.createSymbolicLink(configured, second.master);

                Reading beforePulledOut = readings.latest("tx").orElseThrow();
                BusPoller bus = poller;
                Await.until("a reading from the adapter now at " + configured + " (" + second.master.toRealPath() + ")", WAIT,
                        () -> readings.latest("tx").filter(r -> r != beforePulledOut).isPresent(), () -> {
                            bus.runCycle();
                            assertThat(heldHere(oldNumber)).as("the bus opened " + othersDevice + " (the number of "
                                    + "the adapter pulled out) again, now another adapter's; " + log.text()).isFalse();
                        });
                assertThat(DeviceLocks.heldHere(DeviceLocks.key(second.master))).as(log.text()).isTrue();
            } finally {
                // the bus first: a port still open when its socat goes is an adapter pulled out
                if (poller != null) {
                    poller.close();
                }
                if (secondSlave != null) {
                    secondSlave.close();
                }
                if (second != null) {
                    second.close();
                }
                if (other != null) {
                    other.close();
                }
                first.close();
            }
        }
    }

    private static boolean heldHere(String key) {
        try {
            return DeviceLocks.heldHere(key);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SlaveSpec spec() throws Exception {
        return new SlaveSpec().serve(1, DeviceMaps.load("chint-dtsu666"));
    }

    private static BusPoller poller(Path port, LatestReadings readings) throws Exception {
        Bus bus = new Bus("room", new BusEndpoint.Serial(port.toString(), 9600, "none", 8, 1), TIMING,
                List.of(new Meter("tx", 1, DeviceMaps.load("chint-dtsu666"), MeterRole.TRANSFORMER)));
        return BusPoller.overJ2mod(bus, readings, new PollListener() { }, Clock.systemUTC(), Ticker.SYSTEM);
    }
}
