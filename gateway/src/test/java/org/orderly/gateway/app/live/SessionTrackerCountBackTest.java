package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.pile.ModbusCountsPassedOn;
import org.orderly.gateway.field.pile.PileRating;

/**
 * A pile's count that goes back while the same car stays plugged in (docs/architecture.md, "A pile's count that goes
 * back"): a bridge restarted counts from 0 again, a Modbus pile's register reset; the session's delivered energy is
 * what was counted before plus what is counted after. Until 2026-12-07 it was the count less the count at the plug-in,
 * never below 0, and what the car took before was lost.
 */
class SessionTrackerCountBackTest {
    private static final Instant PLUGGED = Instant.parse("2026-12-07T01:00:00Z");

    private final Compound compound = CompoundFixtures.compound().pile("P1", Phase.A, null).build();
    /** The ticker's seconds since the plug-in: the readings' stamps', the wall clock not stepped. */
    private long tickerSeconds;
    private final SessionTracker tracker = new SessionTracker(compound, SessionNumbers.inMemory(), () -> tick(tickerSeconds),
            TimeScale.REAL, CountSteps.NONE);
    /** P1's Modbus driver, as the gateway gives it its rating (PileConfig.rating: 32 A on one phase). */
    private final ModbusCountsPassedOn driver = new ModbusCountsPassedOn("P1", new PileRating(6, 32, 1));

    private PluggedSession bridge(double count, int seconds, Instant pluggedAt) {
        tickerSeconds = seconds;
        return one(observation(0, true, 7, count, PLUGGED.plusSeconds(seconds)).pluggedAt(Optional.of(pluggedAt)).build());
    }

    private PluggedSession modbus(double count, int seconds) {
        tickerSeconds = seconds;
        return one(observation(0, true, 7, count, PLUGGED.plusSeconds(seconds)).build());
    }

    /**
     * A Modbus pile's map reading {@code count}: the count its driver passes on, which its bound takes, then what the
     * tracker makes of it. Each count of a Modbus pile is fed so: a count the bound refuses never reaches the tracker.
     */
    private PluggedSession throughTheDriver(double count, int seconds) {
        assertThat(driver.read(count, tick(seconds))).as("%s kWh at %s s, as the driver's bound takes it", count, seconds)
                .isEqualTo(count);
        return modbus(count, seconds);
    }

    private static Tick tick(long seconds) {
        return new Tick(Duration.ofSeconds(seconds).toNanos());
    }

    private PluggedSession one(PileObservation p) {
        List<PluggedSession> now = tracker.update(List.of(p));
        assertThat(now).hasSize(1);
        return now.get(0);
    }

    @Test
    void aBridgeRestartedWithTheCarPluggedInCountsOnFromWhatItCountedBefore() {
        String id = bridge(5.0, 3600, PLUGGED).id();
        // restarted at 3601 s: its plug-in is its start, within the tolerance of the last sighting, its count from 0
        Instant restarted = PLUGGED.plusSeconds(3601);
        assertThat(bridge(0.02, 3602, restarted)).satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.deliveredKWh()).as("before the restart plus after").isCloseTo(5.02, within(1e-9));
        });
        assertThat(bridge(0.02, 3603, restarted).deliveredKWh()).as("the same count again").isCloseTo(5.02, within(1e-9));
        assertThat(bridge(2.0, 4400, restarted).deliveredKWh()).isCloseTo(7.0, within(1e-9));
    }

    @Test
    void aModbusPilesCountResetMidSessionCountsOnFromWhatItCountedBefore() {
        // a pile whose counter does not start at 0 at the plug-in: counted from 100
        String id = throughTheDriver(100, 0).id();
        assertThat(throughTheDriver(103, 1800).deliveredKWh()).isCloseTo(3, within(1e-9));
        // reset within the 100 s since 103 was read, at 7.36 kW at most: 0.2 kWh counted since is no more than it can
        assertThat(throughTheDriver(0.2, 1900)).satisfies(s -> {
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.deliveredKWh()).as("3 kWh before the reset plus 0.2 after").isCloseTo(3.2, within(1e-9));
        });
        // 1.3 kWh in the 600 s since 0.2 (until 2026-12-07 in 400 s, more than the 9.6 kW the bound allows)
        assertThat(throughTheDriver(1.5, 2500).deliveredKWh()).isCloseTo(4.5, within(1e-9));
    }

    /**
     * A count a little below the last (a bridge's rounding, a status a moment late) and then back is not the count begun
     * again: taken so, what was counted before would be counted twice once the count is back. Nor is it less delivered:
     * the session says its count before meanwhile (until 2026-12-07, sess61, it said the lower count: 4.995, 3.9).
     */
    @Test
    void aCountALittleBelowTheLastIsNotCountedTwice() {
        assertThat(throughTheDriver(5.1, 0).deliveredKWh()).isCloseTo(0, within(1e-9));
        // 5 kWh in 2000 s (until 2026-12-07 in 1800 s, more than the 9.6 kW the driver's bound allows)
        assertThat(throughTheDriver(10.1, 2000).deliveredKWh()).isCloseTo(5.0, within(1e-9));
        assertThat(throughTheDriver(10.095, 2001).deliveredKWh()).as("a little below").isCloseTo(5.0, within(1e-9));
        assertThat(throughTheDriver(10.1, 2002).deliveredKWh()).as("back where it was").isCloseTo(5.0, within(1e-9));
        assertThat(throughTheDriver(9.0, 2003).deliveredKWh()).as("below, though not begun again from 0")
                .isCloseTo(5.0, within(1e-9));
        assertThat(throughTheDriver(10.2, 2100).deliveredKWh()).isCloseTo(5.1, within(1e-9));
    }

    /**
     * A count that goes back further than a count begun again could have counted since the last (a register read torn
     * between its words, a pile's glitch) and then comes back is not added on: banked, what was counted before would
     * be counted twice (read56b's probe: 20.05 for a car that took 10.05). Each count on the path counts take: the
     * driver's bound passes on the count back (a session may begin anew) and the count back where it was (judged from
     * the count before the drop), the tracker judges them. Until 2026-12-07 the counts went to the tracker alone, 10 kWh
     * an hour after the plug-in, which the driver's bound refuses of a 32 A pile (9.6 kW at most). While the lower count
     * stands the session says the 10 kWh it had (until 2026-12-07, sess61, 2: the torn read was the car's).
     */
    @Test
    void aCountThatGoesBackMoreThanItCouldHaveCountedSinceIsNotBegunAgain() {
        assertThat(throughTheDriver(0, 0).deliveredKWh()).isZero();
        assertThat(throughTheDriver(10, 5400).deliveredKWh()).isCloseTo(10, within(1e-9));
        assertThat(throughTheDriver(2.0, 5401).deliveredKWh()).as("2 kWh in the second since: not counted from 0")
                .isCloseTo(10, within(1e-9));
        assertThat(throughTheDriver(10.05, 5420).deliveredKWh()).as("the car took 10.05 kWh")
                .isCloseTo(10.05, within(1e-9));
    }

    /**
     * A count below the last judged no count begun again, and said again while the driver holds it (refusing the counts
     * after it), is judged when it first came, not again as time passes: judged again, 20 minutes of it were enough for
     * the pile to have counted it from 0, and what was counted before was added on it (read56f: 22.5 for a car that
     * took 12.5). Meanwhile the session says the 10 kWh it had (until 2026-12-07, sess61, 2 for the 20 minutes: the
     * policy planned for 8 kWh the car had taken).
     */
    @Test
    void aCountBackHeldIsJudgedWhenItFirstCame() {
        assertThat(throughTheDriver(0, 0).deliveredKWh()).isZero();
        // 10 kWh in 4000 s (until 2026-12-07 in 3600 s, more than the 9.6 kW the driver's bound allows)
        assertThat(throughTheDriver(10, 4000).deliveredKWh()).isCloseTo(10, within(1e-9));
        assertThat(throughTheDriver(2.0, 4001).deliveredKWh()).isCloseTo(10, within(1e-9));
        assertThat(throughTheDriver(2.0, 5201).deliveredKWh()).as("held 20 minutes").isCloseTo(10, within(1e-9));
        assertThat(throughTheDriver(12.5, 5221).deliveredKWh()).as("the car took 12.5 kWh").isCloseTo(12.5, within(1e-9));
    }
}
