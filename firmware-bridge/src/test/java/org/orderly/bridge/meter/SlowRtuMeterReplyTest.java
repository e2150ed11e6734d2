package org.orderly.bridge.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.bridge.meter.MeterTransport.Parity;
import org.orderly.bridge.testing.ScriptedModbusRtu;
import org.orderly.testkit.Await;
import org.orderly.testkit.ExternalTools;
import org.orderly.testkit.SocatPair;

/**
 * docs/firmware-bridge.md, Pile meter: each request has a deadline, over RTU too. j2mod's RTU transport waits up to the
 * timeout for each byte of a reply's header and checksum, so a meter that sends them a while apart, each within the
 * timeout, held a request several timeouts, and its reply, whole at last, was taken as the meter's answer now (until
 * 2026-12-03). Now the request is given up at its deadline, its port closed: the read fails as a silent meter's does.
 */
class SlowRtuMeterReplyTest {
    /** How long a wait for another thread or process may take before the test fails: a bound for a failure. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** Well within the timeout, so that j2mod waits for every byte; six of them are twice the timeout. */
    private static final long GAP_MS = 100;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aReplyWholeOnlyWellAfterItsTimeoutIsNotTaken() throws Exception {
        String socat = ExternalTools.require("socat");
        AtomicInteger asked = new AtomicInteger();
        List<MeterEvent> events = new CopyOnWriteArrayList<>();
        try (SocatPair line = new SocatPair(socat, dir); ScriptedModbusRtu meter = new ScriptedModbusRtu(line.slave,
                (r, out) -> {
                    boolean energy = r.address() == MeterModel.IMPORT_ENERGY_ADDRESS;
                    if (asked.incrementAndGet() != 3) {
                        out.write(r.reply(ScriptedModbusRtu.Request.float32(energy ? 5.0f : 1000.0f)));
                        return;
                    }
                    // the second read's power, 2000 W: its unit, function, byte count, data and CRC bytes apart
                    byte[] reply = r.reply(ScriptedModbusRtu.Request.float32(2000.0f));
                    for (int[] part : new int[][] {{0, 1}, {1, 2}, {2, 3}, {3, 7}, {7, 8}, {8, 9}}) {
                        Thread.sleep(GAP_MS);
                        out.write(reply, part[0], part[1] - part[0]);
                    }
                })) {
            MeterTransport rtu = new MeterTransport.Serial(line.master.toString(), 9600, Parity.NONE, 1);
            try (PileMeter pileMeter = PileMeter.start("P1", new MeterConfig(MeterModel.SDM120, rtu, 1,
                    Duration.ofMillis(100), TIMEOUT), 32 * 220 / 1000.0, events::add)) {
                Await.untilGiving("a good read", GIVE_UP, pileMeter::reading, MeterReading::ok);
                Await.untilGiving("the dripped reply sent, and a read after it", GIVE_UP, meter::answered, n -> n >= 5);
                Await.untilGiving("a read after the dripped one ended", GIVE_UP, pileMeter::polls, n -> n >= 3);

                assertThat(events).as("the reply whole %d ms after its request, past its %d ms timeout, is no answer",
                        6 * GAP_MS, TIMEOUT.toMillis()).first().isInstanceOf(MeterEvent.Failing.class)
                        .extracting(MeterEvent::message).asString()
                        .contains("pile P1", "no whole answer within 300 ms (and 25 ms for the frames at 9600 baud);"
                                + " port closed");
            }
        }
    }
}
