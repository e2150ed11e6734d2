package org.orderly.bridge.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.meter.MeterTransport.Parity;
import org.orderly.bridge.testing.MeterSlave;
import org.orderly.testkit.Await;
import org.orderly.testkit.DeviceLocks;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.RepointedAdapter;
import org.orderly.testkit.SocatPair;

/**
 * The pile's meter configured at a symlink (as /dev/serial/by-id/... is) whose adapter is pulled out, its device number
 * given to another adapter, and the symlink pointed at a new adapter: the meter is read from the new one and the old
 * number is never opened again. jSerialComm resolves a path to a device when its port object is made, and j2mod
 * reopened that object at the next request after its disconnection listener had closed it: until 2026-12-05 the meter's
 * link opened the other adapter's device (in the test the pseudo-terminal given the old number).
 */
class MeterPathRepointedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theMeterIsReadFromTheAdapterItsPathNamesNowNotFromTheDeviceNumberItHadBefore() throws Exception {
        String socat = ExternalTools.require("socat");
        ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor();
        MeterTransport rtu = new MeterTransport.Serial(dir.resolve("usb-FTDI_RS485-if00-port0").toString(), 9600,
                Parity.NONE, 1);
        try (RepointedAdapter adapter = new RepointedAdapter(socat, dir);
                MeterLink link = new MeterLink(rtu, Duration.ofMillis(300), deadlines)) {
            AtomicReference<MeterReply> last = new AtomicReference<>();
            try (MeterSlave slave = MeterSlave.rtu(Files.createDirectories(dir.resolve("meter-first")), adapter.first,
                    9600, "sdm120", 1, 1000.0, 10.0)) {
                Await.until("the meter behind the first adapter answering", WAIT, () -> answered(link, last));
                assertThat(last.get().powerW()).as(slave.log()).isEqualTo(1000.0);
                assertThat(adapter.oldNumberHeldHere()).as("the link holds " + adapter.oldDevice).isTrue();

                adapter.first.pullOut();
                // j2mod's disconnection listener closes the port: its lock goes, the number is free
                Await.until("the port of " + adapter.oldDevice + " closed under the link", WAIT,
                        () -> !adapter.oldNumberHeldHere());
            }
            SocatPair second = adapter.repoint();
            try (MeterSlave slave = MeterSlave.rtu(Files.createDirectories(dir.resolve("meter-second")), second,
                    9600, "sdm120", 1, 2000.0, 20.0);
                    OldNumberWatch watch = new OldNumberWatch(adapter)) {
                Await.until("the meter behind the adapter now at " + adapter.configured + " answering", WAIT,
                        () -> answered(link, last) && last.get().powerW() == 2000.0, () -> Thread.sleep(20));
                assertThat(DeviceLocks.heldHere(DeviceLocks.key(second.master))).as(slave.log()).isTrue();
                link.close(); // before the pairs close
                assertThat(watch.seen()).as("the link opened again " + adapter.otherAdapter()).isFalse();
            }
        } finally {
            deadlines.shutdownNow();
        }
    }

    /**
     * Looks at this JVM's locks every few milliseconds until closed: a request sent on the old number holds it for its
     * timeout (300 ms) at least, as a failed read closes the port again.
     */
    private static final class OldNumberWatch implements AutoCloseable {
        private final AtomicBoolean seen = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Thread thread;

        OldNumberWatch(RepointedAdapter adapter) {
            thread = new Thread(() -> {
                while (!closed.get()) {
                    if (adapter.oldNumberHeldHere()) {
                        seen.set(true);
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "old-number-watch");
            thread.start();
        }

        boolean seen() {
            return seen.get();
        }

        @Override
        public void close() throws InterruptedException {
            closed.set(true);
            thread.join();
        }
    }

    /** One read of the link: whether it answered ({@code last} then holds the answer). */
    private static boolean answered(MeterLink link, AtomicReference<MeterReply> last) {
        try {
            last.set(link.read(MeterModel.SDM120, 1));
            return true;
        } catch (Exception notNow) {
            return false;
        }
    }
}
