package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.field.modbus.BusTiming;
import org.orderly.gateway.field.modbus.LatestReadings;
import org.orderly.gateway.field.modbus.MeterRole;
import org.orderly.gateway.field.modbus.MutableClock;
import org.orderly.gateway.field.modbus.PollListener;
import org.orderly.gateway.field.modbus.Reading;

/**
 * When a DL/T 645 reading says it was taken. The control matches a pile's reported draw against the transformer
 * total by the reading's tick: a car that began drawing after the total's frame is not in that total, so the tick must
 * not be later than that frame. The total is the first of four frames; at 2400 baud each exchange takes some 0.2-0.7 s.
 */
class ReadingStampTest {
    private static final Instant T0 = Instant.parse("2026-12-02T17:00:00Z");
    private static final Duration EXCHANGE = Duration.ofMillis(500);

    private final MutableClock time = new MutableClock(T0);

    private Reading pollOnce(List<DataId> reads, ScriptedLine line) throws Exception {
        LatestReadings store = new LatestReadings();
        Dlt645Meter meter = new Dlt645Meter("transformer", MeterAddress.parse("123456"), MeterRole.TRANSFORMER, reads);
        BusTiming timing = new BusTiming(Duration.ofMillis(500), Duration.ofMillis(5), Duration.ofMillis(600), 0,
                Duration.ofMillis(10), Duration.ofMillis(10));
        Dlt645Poller poller = Dlt645Pollers.onSerialPort("stamp", () -> line, timing, List.of(meter), store, PollListener.NONE,
                time, time, time);
        poller.pollMeter(meter);
        return store.latest("transformer").orElseThrow();
    }

    @Test
    void aTransformerReadingIsStampedWhenItsTotalWasAskedForNotAfterItsLastFrame() throws Exception {
        Map<DataId, Double> values = Map.of(DataId.POWER_TOTAL, 4.25, DataId.CURRENT_A, 60.0, DataId.CURRENT_B, 61.0,
                DataId.CURRENT_C, 62.0);
        ScriptedLine line = new ScriptedLine(time, EXCHANGE, values);
        Reading r = pollOnce(Dlt645Meter.defaultReads(MeterRole.TRANSFORMER), line);

        assertThat(line.sent).extracting(ScriptedLine.Sent::di).containsExactly(DataId.POWER_TOTAL, DataId.CURRENT_A,
                DataId.CURRENT_B, DataId.CURRENT_C);
        assertThat(r.value("power.total.kw")).hasValue(4.25);
        assertThat(time.now().since(line.sent.get(0).at())).as("the poll took four exchanges and three gaps")
                .isEqualTo(Duration.ofMillis(4 * 500 + 3 * 5));
        assertThat(r.tick()).as("the tick: when the total's request was sent").isEqualTo(line.sent.get(0).at());
        assertThat(r.readAt()).as("the wall clock then").isEqualTo(T0);
    }

    @Test
    void aTotalReadAfterOtherFramesIsNotStampedLaterThanItsOwnRequest() throws Exception {
        Map<DataId, Double> values = Map.of(DataId.CURRENT_A, 60.0, DataId.POWER_TOTAL, 4.25, DataId.CURRENT_B, 61.0);
        ScriptedLine line = new ScriptedLine(time, EXCHANGE, values);
        Reading r = pollOnce(List.of(DataId.CURRENT_A, DataId.POWER_TOTAL, DataId.CURRENT_B), line);

        assertThat(line.sent.get(1).di()).isEqualTo(DataId.POWER_TOTAL);
        assertThat(r.tick().isBefore(line.sent.get(1).at()) || r.tick().equals(line.sent.get(1).at()))
                .as("tick %s not after the total's request at %s", r.tick(), line.sent.get(1).at()).isTrue();
    }
}
