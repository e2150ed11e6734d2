package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.MutableClock;
import org.orderly.gateway.field.modbus.PollFailure;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Reading;

/**
 * A pile meter whose own read never fits what the transformer meter leaves of a cycle (pb: four data identifiers, each
 * answered after 280 ms) is cut short every cycle; it must not begin the next cycle's pile meters, or it would begin
 * every one and starve the meters after it (read59l's probe, 2026-12-07: pa read once and pc never in 12 cycles, where
 * 12 and 11 before; only a meter not sent for another meter's cut reply begins the next cycle).
 */
class Dlt645SlowPileMeterStarvesNoneTest {
    static final MeterAddress TX = new MeterAddress("000000000001");
    static final MeterAddress A = new MeterAddress("000000000002");
    static final MeterAddress B = new MeterAddress("000000000003");
    static final MeterAddress C = new MeterAddress("000000000004");
    final MutableClock time = new MutableClock(Instant.parse("2026-12-07T00:00:00Z"));
    final List<String> sent = new ArrayList<>();

    @Test
    void aPileMeterCutShortByItsOwnReadLeavesTheOthersTheirTurn() throws Exception {
        List<DataId> four = List.of(DataId.POWER_TOTAL, DataId.ENERGY_IMPORT, DataId.VOLTAGE_A, DataId.CURRENT_A);
        Dlt645Meter tx = new Dlt645Meter("tx", TX, MeterRole.TRANSFORMER, List.of(DataId.POWER_TOTAL));
        Dlt645Meter a = new Dlt645Meter("pa", A, MeterRole.PILE, List.of(DataId.POWER_TOTAL));
        Dlt645Meter b = new Dlt645Meter("pb", B, MeterRole.PILE, four);
        Dlt645Meter c = new Dlt645Meter("pc", C, MeterRole.PILE, List.of(DataId.POWER_TOTAL));
        Line line = new Line();
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("shared", () -> line, BusTiming.defaults(), List.of(tx, a, b, c),
                new LatestReadings(), new PollListener() {
                    @Override public void onReading(Reading r) { sent.add("read:" + r.meterId()); }
                    @Override public void onFailure(PollFailure f) { sent.add("FAIL:" + f.meterId() + " " + f.kind()); }
                }, time, time, time);
        for (int cycle = 0; cycle < 12; cycle++) {
            poller.runCycle();
        }
        long pa = sent.stream().filter("read:pa"::equals).count();
        long pc = sent.stream().filter("read:pc"::equals).count();
        assertThat(sent.stream().filter("read:tx"::equals).count()).as("the transformer meter, every cycle").isEqualTo(12);
        assertThat(pa).as("pa read, " + sent).isGreaterThanOrEqualTo(10);
        assertThat(pc).as("pc read, " + sent).isGreaterThanOrEqualTo(10);
    }

    final class Line extends TimedLine {
        Line() {
            super(time);
        }

        @Override public void write(byte[] request) {
            Frame f = ((FrameScanner.Scan.Found) FrameScanner.scan(request, request.length)).frame();
            MeterAddress asked = f.address();
            String who = asked.equals(TX) ? "tx" : asked.equals(A) ? "A" : asked.equals(B) ? "B" : "C";
            sent.add(who + " " + Duration.ofNanos(time.now().nanos()).toMillis());
            DataId di = Arrays.stream(DataId.values())
                    .filter(d -> Arrays.equals(d.wireBytes(), Arrays.copyOf(f.data(), 4))).findFirst().orElseThrow();
            byte[] value = di.encode(1.5);
            byte[] data = Arrays.copyOf(di.wireBytes(), 4 + value.length);
            System.arraycopy(value, 0, data, 4, value.length);
            byte[] reply = new Frame(asked, ControlCode.REPLY | ControlCode.READ_DATA, data).withPreamble();
            long ms = asked.equals(B) ? 280 : 60;
            comeAt(time.now(), ms, reply, 0, reply.length, 0);
        }
    }
}
