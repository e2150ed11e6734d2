package org.orderly.bridge.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
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
        try (ScriptedModbusTcp server = new ScriptedModbusTcp((r, out) -> out.write(r.reply(r.transaction(), r.unit() + 1,
                ScriptedModbusTcp.Request.float32(r.address() == MeterModel.IMPORT_ENERGY_ADDRESS ? 5.0f : 1000.0f))))) {
            List<MeterEvent> events = new CopyOnWriteArrayList<>();
            MeterConfig config = new MeterConfig(MeterModel.SDM120, MeterTransport.tcp("127.0.0.1:" + server.port()), 1,
                    Duration.ofMillis(100), Duration.ofMillis(300));
            try (PileMeter meter = PileMeter.start("P1", config, 32 * 220 / 1000.0, events::add)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (meter.polls() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(server.requests()).as("the meter was asked").isGreaterThan(0);
                assertThat(meter.reading().ok())
                        .as("unit 1 asked, unit 2 answered every request: its registers were taken for unit 1's: %s",
                                meter.reading())
                        .isFalse();
                assertThat(meter.reading().lastGood()).as("nothing of unit 2's taken").isEmpty();
            }
        }
    }
}
