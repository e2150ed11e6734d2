package org.orderly.gateway.field.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * A DL/T 645 poll that loses one identifier to a fault (a garbled reply) publishes nothing: the meter's whole reading
 * before stays, and ages, rather than half a reading replacing it. Until 2026-12-04 a poll whose total was garbled
 * published the phases' currents alone, and the control saw no transformer reading at all.
 */
class HalfReadingTest {
    private static final Instant T0 = Instant.parse("2026-12-04T17:00:00Z");
    /** 1 s cycle, 5 ms gap, 600 ms timeout, no retries: a garbled reply is that identifier lost. */
    private static final BusTiming NO_RETRIES = new BusTiming(Duration.ofSeconds(1), Duration.ofMillis(5),
            Duration.ofMillis(600), 0, Duration.ofMillis(10), Duration.ofMillis(10));

    private final MutableClock time = new MutableClock(T0);
    private final ScriptedLine line = new ScriptedLine(time, Duration.ofMillis(300),
            Map.of(DataId.POWER_TOTAL, 4.25, DataId.CURRENT_A, 60.0));
    private final LatestReadings store = new LatestReadings();
    private final List<Reading> published = new ArrayList<>();

    @Test
    void aPollWhoseTotalIsGarbledKeepsTheWholeReadingBefore() throws Exception {
        Dlt645Meter meter = new Dlt645Meter("tx", MeterAddress.parse("42"), MeterRole.TRANSFORMER,
                List.of(DataId.POWER_TOTAL, DataId.CURRENT_A));
        Dlt645Poller poller = new Dlt645Poller("room-645", () -> line, NO_RETRIES, List.of(meter), store,
                new PollListener() {
                    @Override
                    public void onReading(Reading reading) {
                        published.add(reading);
                    }
                }, time, time, time);
        poller.runCycle();
        line.garbleNext(1);
        poller.runCycle();
        poller.close();

        assertThat(line.sent).as("the second poll asked for both").hasSize(4);
        Reading r = store.latest("tx").orElseThrow();
        assertThat(r.values()).containsEntry("power.total.kw", 4.25).containsEntry("current.a.a", 60.0);
        assertThat(r.readAt()).as("the first cycle's").isEqualTo(T0);
        assertThat(published).hasSize(1);
    }
}
