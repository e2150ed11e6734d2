package org.orderly.bridge.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orderly.testkit.ScriptedModbusTcp;

/**
 * A Modbus TCP reply must come from the unit it was asked of. A reply carrying another unit id in its MBAP header (a
 * TCP-to-RS-485 gateway that mixed up its lines, a late answer of another unit) is not this meter's registers: j2mod
 * 3.3.0's TCP master compares the transaction id but not the unit id, as the gateway found on 2026-12-03
 * (ReplyFromAnotherUnitTest there). Here a raw TCP server on 127.0.0.1 answers every fc04 request with another unit's
 * id and values that are sane for a 32 A pile: 1000 W and 5 kWh.
 */
class MeterReplyFromAnotherUnitTest {

    @Test
    void aReplyCarryingAnotherUnitIdIsNotTakenAsTheMetersValues() throws Exception {
        try (ScriptedModbusTcp server = answeringAs(2); PileMeter meter = polledThreeTimes(server)) {
            assertThat(server.requests()).as("the meter was asked").isGreaterThan(0);
            assertThat(meter.reading().ok())
                    .as("unit 1 asked, unit 2 answered every request: its registers were taken for unit 1's: %s",
                            meter.reading())
                    .isFalse();
            assertThat(meter.reading().lastGood()).as("nothing of unit 2's taken").isEmpty();
        }
    }

    /**
     * 0 and 255 are no serial unit's address, so a reply carrying either is no other unit's behind a gateway: it is a
     * meter that ignores the unit id and answers as 0 or 255 whatever it is asked, as some do. Its values stand.
     */
    @ParameterizedTest(name = "answering as unit {0}")
    @ValueSource(ints = {0, 255})
    void aMeterAnsweringAsUnit0Or255WhateverItIsAskedIsRead(int unit) throws Exception {
        try (ScriptedModbusTcp server = answeringAs(unit); PileMeter meter = polledThreeTimes(server)) {
            assertThat(meter.reading().ok()).as("%s", meter.reading()).isTrue();
            assertThat(meter.reading().lastGood().orElseThrow().powerKw()).isEqualTo(1.0);
        }
    }

    /** A raw TCP server answering every fc04 request for unit 1 as {@code unit}: 1000 W and 5 kWh. */
    private static ScriptedModbusTcp answeringAs(int unit) throws Exception {
        return new ScriptedModbusTcp((r, out) -> out.write(r.reply(r.transaction(), unit,
                ScriptedModbusTcp.Request.float32(r.address() == MeterModel.IMPORT_ENERGY_ADDRESS ? 5.0f : 1000.0f))));
    }

    private static PileMeter polledThreeTimes(ScriptedModbusTcp server) throws Exception {
        List<MeterEvent> events = new CopyOnWriteArrayList<>();
        MeterConfig config = new MeterConfig(MeterModel.SDM120, MeterTransport.tcp("127.0.0.1:" + server.port()), 1,
                Duration.ofMillis(100), Duration.ofMillis(300));
        PileMeter meter = PileMeter.start("P1", config, 32 * 220 / 1000.0, events::add);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (meter.polls() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return meter;
    }
}
