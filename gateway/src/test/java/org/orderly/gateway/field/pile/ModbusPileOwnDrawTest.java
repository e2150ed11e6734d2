package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.modbus.BusEndpoint;
import org.orderly.gateway.web.CapturedLog;

/**
 * A Modbus pile's own power held to what the pile can draw ({@link OwnDrawBound}), against Debian's pymodbus slave over
 * TCP on 127.0.0.1 serving the shipped generic pile map's registers: its power register read with its words swapped.
 */
class ModbusPileOwnDrawTest {

    private static final int UNIT = 7;
    /** How long a wait for the driver may take before it is a failure: for the failure's sake, no promised latency. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** 16 A on 3 phases: 14.4 kW at most. */
    private static final PileRating RATING = new PileRating(16, 3);
    /** 2.5 kW in W (the map's scale 0.001), its two words swapped: 2500 x 65536 W, read as 163840 kW. */
    private static final double SWAPPED_2_5_KW = 2500.0 * 65536;

    @TempDir
    Path dir;

    @Test
    void aPowerMoreThanThePileCanDrawIsNotMeasuredSaidOnceAndItsEndAtInfo() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (PileSlave slave = PileSlave.start(dir, UNIT, List.of(
                new PileSlave.Entry(0x0200, "uint16", 3),              // state C
                new PileSlave.Entry(0x0201, "uint16", 160),            // 16.0 A offered
                new PileSlave.Entry(0x0202, "uint32", SWAPPED_2_5_KW), // power
                new PileSlave.Entry(0x0204, "uint32", 1234)));         // 1.234 kWh
             CapturedLog log = new CapturedLog()) {
            ModbusPileConfig config = ModbusPileConfig.of("M7", new BusEndpoint.Tcp("127.0.0.1", slave.port), UNIT,
                    PileMaps.generic()).with(LeaseTiming.defaults(), Duration.ofMillis(200)).withRating(RATING);
            try (ModbusPileDriver driver = ModbusPileDriver.start(config, listener)) {
                Await.until("a status", PATIENCE, () -> driver.latest().isPresent(), () -> listener.failures);
                PileState first = driver.latest().orElseThrow();
                assertThat(first.powerKw()).as("the car's draw").isNaN();
                assertThat(first.drawMeasured()).isFalse();
                assertThat(first.state()).as("the rest of the status is taken").isEqualTo(ChargeState.C);
                assertThat(first.ampsOffered()).isCloseTo(16.0, within(1e-9));
                assertThat(first.sessionEnergyKwh()).isCloseTo(1.234, within(1e-9));
                // Said once, not at every status read: three more reads of the same power.
                Tick firstRead = first.tick();
                Await.until("three more status reads", PATIENCE,
                        () -> driver.latest().orElseThrow().tick().since(firstRead).toMillis() >= 3 * 200);
                assertThat(log.lines("pile M7: its map reads power.total.kw = 163840.00 kW, more than the pile can"
                        + " draw (bound: 16 A on 3 phases at 300 V is 14.4 kW); not taken as its car's draw, the pile's"
                        + " draw is not measured; check the word order")).as(log.text()).hasSize(1);
                setPowerWords(slave.port, 0, 2500); // the map put right: 2.5 kW
                Await.until("2.5 kW", PATIENCE, () -> driver.latest().orElseThrow().powerKw() == 2.5,
                        () -> driver.latest());
                assertThat(driver.latest().orElseThrow().drawMeasured()).isTrue();
                assertThat(log.lines("pile M7: its map reads a power the pile can draw again, 2.50 kW")).hasSize(1);
            }
            assertThat(listener.failures).as("the pile answered throughout").isEmpty();
        }
    }

    private static void setPowerWords(int port, int high, int low) throws Exception {
        ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", port);
        m.connect();
        try {
            m.writeMultipleRegisters(UNIT, 0x0202, new Register[] {new SimpleRegister(high), new SimpleRegister(low)});
        } finally {
            m.disconnect();
        }
    }
}
