package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.MutableClock;
import org.orderly.gateway.field.modbus.PollFailure;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Reading;

/**
 * A transformer meter and 8 pile meters on one DL/T 645 line at 2400 baud (a byte every 4 ms on the wire), the
 * default timing, on time moved by hand: every reply comes at line speed, a pile meter's 30 to 110 ms after its
 * request (a real meter's varying delay), so a pile meter begun late in a cycle has its wait cut at the cycle's end
 * while its reply still comes. The transformer meter's request waits for such a reply's rest: no request is sent while
 * a reply comes (on RS-485 both would be lost). The transformer's send-by time applies only to a dripped reply
 * ({@code Dlt645TransformerSentByInDripTest}); one for any reply was tried on 2026-12-07 and taken back (read60e: 2
 * requests in 40 cycles sent into a reply still coming).
 */
class Dlt645LineSpeedRepliesNotMetTest {
    private static final MeterAddress TX = new MeterAddress("000000000001");

    private final MutableClock time = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
    private final Random delays = new Random(7);
    private final List<String> met = new ArrayList<>();
    private int txReadings;

    @Test
    void noRequestIsSentWhileAPileMetersReplyComesAtLineSpeed() throws Exception {
        List<Dlt645Meter> meters = new ArrayList<>();
        meters.add(new Dlt645Meter("tx", TX, MeterRole.TRANSFORMER, List.of(DataId.POWER_TOTAL)));
        for (int i = 2; i <= 9; i++) {
            meters.add(new Dlt645Meter("p" + i, new MeterAddress(String.format("%012d", i)), MeterRole.PILE,
                    List.of(DataId.POWER_TOTAL)));
        }
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("shared", Line::new, BusTiming.defaults(), meters, new LatestReadings(),
                new PollListener() {
                    @Override
                    public void onReading(Reading r) {
                        txReadings += r.meterId().equals("tx") ? 1 : 0;
                    }

                    @Override
                    public void onFailure(PollFailure f) {
                        met.add("failed: " + f.meterId() + " " + f.message());
                    }
                }, time, time, time);
        int cycles = 40;
        for (int cycle = 0; cycle < cycles; cycle++) {
            poller.runCycle();
        }

        assertThat(met).as("requests sent while a reply came, and failures").noneMatch(s -> s.startsWith("sent"));
        assertThat(txReadings).as("%s", met).isEqualTo(cycles);
    }

    /** The meters' replies at line speed, each byte at the time it comes; a request sent while one comes is noted. */
    private final class Line extends TimedLine {
        private Tick replyComesTo = new Tick(0);

        Line() {
            super(time);
        }

        @Override
        public void write(byte[] request) {
            MeterAddress asked = ((FrameScanner.Scan.Found) FrameScanner.scan(request, request.length)).frame().address();
            Tick now = time.now();
            if (now.isBefore(replyComesTo)) {
                met.add("sent to " + asked + " at " + Duration.ofNanos(now.nanos()).toMillis() + " ms while a reply comes"
                        + " to " + Duration.ofNanos(replyComesTo.nanos()).toMillis());
            }
            byte[] value = DataId.POWER_TOTAL.encode(1.5);
            byte[] data = Arrays.copyOf(DataId.POWER_TOTAL.wireBytes(), 4 + value.length);
            System.arraycopy(value, 0, data, 4, value.length);
            byte[] reply = new Frame(asked, ControlCode.REPLY | ControlCode.READ_DATA, data).withPreamble();
            long delay = asked.equals(TX) ? 40 : 30 + delays.nextInt(80);
            long last = comeAt(now, delay, reply, 0, reply.length, 4);
            replyComesTo = now.plus(Duration.ofMillis(last));
        }
    }
}
