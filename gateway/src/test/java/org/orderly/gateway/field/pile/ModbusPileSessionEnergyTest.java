package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.web.CapturedLog;
import org.orderly.testkit.Await;

/**
 * A Modbus pile's {@code energy.session.kwh} held to what a session can count ({@link SessionEnergyBound}), against
 * Debian's pymodbus slave over TCP on 127.0.0.1 serving the shipped generic pile map's registers (its count a uint32 of
 * Wh): read with its words swapped, or jumping 500 kWh at once, the count is not taken and the last one stays, the
 * rest of the status is taken; one WARN, and INFO when a count is taken again. Until 2026-12-06 both were the
 * session's delivered energy.
 */
class ModbusPileSessionEnergyTest {
    private static final int UNIT = 7;
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final int ENERGY = 0x0204;

    @TempDir
    Path dir;

    @Test
    void aCountNoSessionReachesOrAnImpossibleJumpIsNotTakenTheLastStays() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (PileSlave slave = PileSlave.start(dir, UNIT, List.of(new PileSlave.Entry(0x0200, "uint16", 3),
                new PileSlave.Entry(0x0201, "uint16", 160), new PileSlave.Entry(0x0202, "uint32", 2500),
                new PileSlave.Entry(ENERGY, "uint32", 1234)));
             CapturedLog log = new CapturedLog()) {
            ModbusPileConfig config = ModbusPileConfig.of("M7", new BusEndpoint.Tcp("127.0.0.1", slave.port), UNIT,
                    PileMaps.generic()).with(LeaseTiming.defaults(), Duration.ofMillis(200))
                    .withRating(new PileRating(6, 16, 3));
            try (ModbusPileDriver driver = ModbusPileDriver.start(config, listener, Clock.systemUTC())) {
                Await.untilSeeing("1.234 kWh", PATIENCE, () -> driver.latest().map(PileState::sessionEnergyKwh)
                        .filter(e -> e == 1.234).isPresent(), () -> listener.failures);

                setWords(slave.port, 1234, 0); // 1.234 kWh with its words swapped: 80871.42 kWh
                awaitThreeMoreReads(driver);
                assertThat(driver.latest().orElseThrow().sessionEnergyKwh()).as("the last count kept").isEqualTo(1.234);
                assertThat(driver.latest().orElseThrow().powerKw()).as("the rest of the status taken").isEqualTo(2.5);
                setWords(slave.port, 0x0007, 0xA120); // 500000 Wh
                awaitThreeMoreReads(driver);
                assertThat(driver.latest().orElseThrow().sessionEnergyKwh()).as("the last count kept").isEqualTo(1.234);
                assertThat(log.lines("pile M7: its map reads energy.session.kwh = 80871.42 kWh is no session's count of"
                        + " pile M7: a session counts 0 to 1000 kWh; not taken, its last count (1.23 kWh) is kept"))
                        .as(log.text()).hasSize(1);
                assertThat(log.lines("WARN", "pile M7: its map reads energy.session.kwh")).as("said once").hasSize(1);

                setWords(slave.port, 0, 1240);
                Await.untilSeeing("1.24 kWh", PATIENCE, () -> driver.latest().orElseThrow().sessionEnergyKwh() == 1.24,
                        () -> driver.latest());
                assertThat(log.lines("pile M7: its map reads a session energy it can count again, 1.24 kWh")).hasSize(1);
            }
            assertThat(listener.failures).as("the pile answered throughout").isEmpty();
        }
    }

    private static void awaitThreeMoreReads(ModbusPileDriver driver) throws InterruptedException {
        Tick from = driver.latest().orElseThrow().tick();
        Await.until("three more status reads", PATIENCE,
                () -> driver.latest().orElseThrow().tick().since(from).toMillis() >= 3 * 200);
    }

    private static void setWords(int port, int high, int low) throws Exception {
        ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", port);
        m.connect();
        try {
            m.writeMultipleRegisters(UNIT, ENERGY, new Register[] {new SimpleRegister(high), new SimpleRegister(low)});
        } finally {
            m.disconnect();
        }
    }
}
