package org.orderly.bridge.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.meter.MeterTransport.Parity;
import org.orderly.bridge.testing.MeterSlave;
import org.orderly.testkit.Await;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/** The pile's meter over Modbus RTU: Debian's pymodbus serving an SDM630 map on one end of a socat pty pair. */
class PileMeterRtuTest {
    /** How long a wait for another thread or process may take before the test fails: a bound for a failure. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);
    /**
     * How long one request of the meter under test waits for pymodbus: 2 s, as PileMeterTest gives it since a loaded
     * machine let a 300 ms request miss now and then (a Failing and an Answering before the mute, which this test
     * counts). A muted meter is still a timeout, later.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void readsAnSdm630OverRtuAndSaysWhenItStopsAndStartsAnsweringAgain() throws Exception {
        String socat = ExternalTools.require("socat");
        List<MeterEvent> events = new CopyOnWriteArrayList<>();
        try (SocatPair line = new SocatPair(socat, dir);
                MeterSlave slave = MeterSlave.rtu(dir, line, 9600, "sdm630", 3, 11040.0, 2048.5)) {
            MeterTransport rtu = new MeterTransport.Serial(line.master.toString(), 9600, Parity.NONE, 1);
            awaitAnswer(rtu, 3);
            try (PileMeter meter = PileMeter.start("P3", new MeterConfig(MeterModel.SDM630, rtu, 3,
                    Duration.ofMillis(100), REQUEST_TIMEOUT), 32 * 3 * 230 / 1000.0, events::add)) {
                MeterReading first = Await.untilGiving("read", GIVE_UP, meter::reading, MeterReading::ok);
                assertThat(first.lastGood()).contains(new MeterValues(11.04, 2048.5, 0.0));

                slave.mute();
                MeterEvent failing = Await.untilGiving("failing", GIVE_UP, () -> List.copyOf(events), e -> !e.isEmpty())
                        .get(0);
                assertThat(failing).isInstanceOf(MeterEvent.Failing.class);
                assertThat(failing.message()).contains("pile P3", "Eastron SDM630", "unit 3",
                        "rtu:" + line.master + "@9600/8N1");

                slave.set(11040.0, 2049.0);
                Await.untilGiving("read again", GIVE_UP, meter::reading, r -> r.ok()
                        && r.lastGood().orElseThrow().countedKwh() == 0.5);
                // The meter's thread publishes the reading, then tells of it: the event may come a moment after.
                Await.untilGiving("told it answers again", GIVE_UP, () -> List.copyOf(events), e -> e.size() >= 2);
                assertThat(events).map(e -> e.getClass().getSimpleName()).containsExactly("Failing", "Answering");
            }
        }
    }

    /** A serial slave gives no sign that it serves: asks it until it answers. */
    private static void awaitAnswer(MeterTransport rtu, int unit) throws InterruptedException {
        ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(); // a TCP link's only
        try (MeterLink link = new MeterLink(rtu, Duration.ofMillis(300), deadlines)) {
            Await.untilGiving("the slave answering", GIVE_UP, () -> {
                try {
                    link.read(MeterModel.SDM630, unit);
                    return true;
                } catch (Exception notYet) {
                    return false;
                }
            }, answered -> answered);
        } finally {
            deadlines.shutdownNow();
        }
    }
}
