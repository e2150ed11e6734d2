package org.orderly.gateway.field.pile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.nio.file.Files;
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
 * A Modbus pile's own power held to what the pile can draw ({@link OwnDrawBound}), against Debian's pymodbus slave over
 * TCP on 127.0.0.1 serving the shipped generic pile map's registers: its power register read with its words swapped, or
 * signed and below zero.
 */
class ModbusPileOwnDrawTest {

    private static final int UNIT = 7;
    /** How long a wait for the driver may take before it is a failure: for the failure's sake, no promised latency. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** 16 A on 3 phases: 14.4 kW at most. */
    private static final PileRating RATING = new PileRating(6, 16, 3);
    /** 2.5 kW in W (the map's scale 0.001), its two words swapped: 2500 x 65536 W, read as 163840 kW. */
    private static final double SWAPPED_2_5_KW = 2500.0 * 65536;

    @TempDir
    Path dir;

    @Test
    void aPowerMoreThanThePileCanDrawIsNotMeasuredSaidOnceAndItsEndAtInfo() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (PileSlave slave = charging(new PileSlave.Entry(0x0202, "uint32", SWAPPED_2_5_KW));
             CapturedLog log = new CapturedLog()) {
            ModbusPileConfig config = ModbusPileConfig.of("M7", new BusEndpoint.Tcp("127.0.0.1", slave.port), UNIT,
                    PileMaps.generic()).with(LeaseTiming.defaults(), Duration.ofMillis(200)).withRating(RATING);
            try (ModbusPileDriver driver = ModbusPileDriver.start(config, listener, Clock.systemUTC())) {
                awaitFirstStatusWithoutDrawThenThreeMore(driver, listener);
                assertThat(log.lines("pile M7: its map reads power.total.kw = 163840.00 kW, more than the pile can"
                        + " draw (bound: 16 A on 3 phases at 300 V is 14.4 kW); not taken as its car's draw, the pile's"
                        + " draw is not measured; check the word order")).as(log.text()).hasSize(1);
                setPowerWords(slave.port, 0, 2500); // the map put right: 2.5 kW
                Await.untilSeeing("2.5 kW", PATIENCE, () -> driver.latest().orElseThrow().powerKw() == 2.5,
                        () -> driver.latest());
                assertThat(driver.latest().orElseThrow().drawMeasured()).isTrue();
                assertThat(log.lines("pile M7: its map reads a power the pile can draw again, 2.50 kW")).hasSize(1);
            }
            assertThat(listener.failures).as("the pile answered throughout").isEmpty();
        }
    }

    /**
     * A Modbus pile's own power below zero held as one above what the pile can draw is: the shipped generic pile map
     * with its power register signed ({@code int32}, as many piles' tables give it), read -2.5 kW (a map of the wrong
     * sign, a meter wired the wrong way round), then an idle meter's noise, -0.05 kW, which is taken. Until 2026-12-05
     * -2.5 kW was the car's measured draw.
     */
    @Test
    void aPowerBelowAnIdleMetersNoiseIsNotMeasuredSaidOnceAndItsEndAtInfo() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (PileSlave slave = charging(new PileSlave.Entry(0x0202, "int32", -2500)); // -2.5 kW
             CapturedLog log = new CapturedLog()) {
            ModbusPileConfig config = ModbusPileConfig.of("M7", new BusEndpoint.Tcp("127.0.0.1", slave.port), UNIT,
                    signedPowerMap()).with(LeaseTiming.defaults(), Duration.ofMillis(200)).withRating(RATING);
            try (ModbusPileDriver driver = ModbusPileDriver.start(config, listener, Clock.systemUTC())) {
                awaitFirstStatusWithoutDrawThenThreeMore(driver, listener);
                assertThat(log.lines("pile M7: its map reads power.total.kw = -2.50 kW, below -0.1 kW: a pile draws"
                        + " power, it gives none back (an idle meter's noise is within 0.1 kW of zero); not taken as"
                        + " its car's draw, the pile's draw is not measured; check the word order")).as(log.text())
                        .hasSize(1);
                setPowerWords(slave.port, 0xFFFF, 0xFFCE); // -50 W: an idle meter's noise
                Await.untilSeeing("-0.05 kW", PATIENCE, () -> driver.latest().orElseThrow().powerKw() == -0.05,
                        () -> driver.latest());
                assertThat(driver.latest().orElseThrow().drawMeasured()).isTrue();
                assertThat(log.lines("pile M7: its map reads a power the pile can draw again, -0.05 kW")).hasSize(1);
            }
            assertThat(listener.failures).as("the pile answered throughout").isEmpty();
        }
    }

    /** The pile in state C, 16.0 A offered, 1.234 kWh this session, its power register {@code power}. */
    private PileSlave charging(PileSlave.Entry power) throws Exception {
        return PileSlave.start(dir, UNIT, List.of(
                new PileSlave.Entry(0x0200, "uint16", 3),
                new PileSlave.Entry(0x0201, "uint16", 160),
                power,
                new PileSlave.Entry(0x0204, "uint32", 1234)));
    }

    /**
     * The driver's first status: its draw not measured, the rest of it (state C, 16 A offered, 1.234 kWh) taken; then
     * three more reads of the same power, for a line said once, not at every status read.
     */
    private static void awaitFirstStatusWithoutDrawThenThreeMore(ModbusPileDriver driver, RecordingListener listener)
            throws InterruptedException {
        Await.untilSeeing("a status", PATIENCE, () -> driver.latest().isPresent(), () -> listener.failures);
        PileState first = driver.latest().orElseThrow();
        assertThat(first.powerKw()).as("the car's draw").isNaN();
        assertThat(first.drawMeasured()).isFalse();
        assertThat(first.state()).as("the rest of the status is taken").isEqualTo(ChargeState.C);
        assertThat(first.ampsOffered()).isCloseTo(16.0, within(1e-9));
        assertThat(first.sessionEnergyKwh()).isCloseTo(1.234, within(1e-9));
        Tick firstRead = first.tick();
        Await.until("three more status reads", PATIENCE,
                () -> driver.latest().orElseThrow().tick().since(firstRead).toMillis() >= 3 * 200);
    }

    /** The shipped generic pile map, its power register signed. */
    private static PileMap signedPowerMap() throws Exception {
        String generic = Files.readString(PileMaps.file("generic-pile"));
        String unsigned = "{ quantity: power.total.kw,     address: 0x0202, type: uint32,";
        assertThat(generic).contains(unsigned);
        return PileMapLoader.parse("signed-power-pile.yaml",
                generic.replace(unsigned, "{ quantity: power.total.kw,     address: 0x0202, type: int32,"));
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
