package org.orderly.gateway.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.TestTicker;
import org.orderly.gateway.core.time.TimeScale;

/**
 * A count begun again is judged on the ticker, at the world's speed, as the driver's bound judges counts
 * (docs/architecture.md, "A pile's count that goes back"): the wall clock stepped between two counts is no time the pile
 * counted in. Until 2026-12-07 it was judged on the readings' wall stamps: a step forward let a torn read through as a
 * count begun again (what was counted before then counted twice), a step back refused a real one (what was counted
 * before lost).
 */
class SessionTrackerCountBackClockStepTest {
    private static final Instant PLUGGED = Instant.parse("2026-12-07T01:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private final Compound compound = CompoundFixtures.compound().pile("P1", Phase.A, null).build();
    /** The ticker, in seconds since the plug-in. */
    private final TestTicker ticker = new TestTicker();
    private SessionTracker tracker = new SessionTracker(compound, SessionNumbers.inMemory(), ticker, TimeScale.REAL, CountSteps.NONE);

    /** A Modbus pile's {@code count}, read {@code seconds} after the plug-in, stamped by a wall clock {@code step} off. */
    private PluggedSession modbus(double count, int seconds, Duration step) {
        ticker.set(Duration.ofSeconds(seconds));
        List<PluggedSession> now = tracker.update(List.of(observation(0, true, 7, count, PLUGGED.plusSeconds(seconds).plus(step)).build()));
        assertThat(now).hasSize(1);
        return now.get(0);
    }

    /**
     * 2 kWh a second after 10, stamped an hour later by a clock stepped forward: no pile counts 2 kWh in a second, and
     * the session says the 10 it had (until 2026-12-07, sess61, the torn 2).
     */
    @Test
    void aStepForwardDoesNotLetATornReadThroughAsACountBegunAgain() {
        assertThat(modbus(0, 0, Duration.ZERO).deliveredKWh()).isZero();
        assertThat(modbus(10, 3600, Duration.ZERO).deliveredKWh()).isCloseTo(10, within(1e-9));
        assertThat(modbus(2.0, 3601, HOUR).deliveredKWh()).as("2 kWh a second after 10 on the ticker: not begun again")
                .isCloseTo(10, within(1e-9));
        assertThat(modbus(10.05, 3620, HOUR).deliveredKWh()).as("the car took 10.05 kWh").isCloseTo(10.05, within(1e-9));
    }

    /** A count reset to 0.2 kWh 100 s after 103 on the ticker, stamped an hour earlier by a clock stepped back. */
    @Test
    void aStepBackDoesNotRefuseARealCountBegunAgain() {
        assertThat(modbus(100, 0, Duration.ZERO).deliveredKWh()).isZero();
        assertThat(modbus(103, 1800, Duration.ZERO).deliveredKWh()).isCloseTo(3, within(1e-9));
        assertThat(modbus(0.2, 1900, HOUR.negated()).deliveredKWh()).as("3 kWh before the reset plus 0.2 after")
                .isCloseTo(3.2, within(1e-9));
    }

    /**
     * In a world 10 times as fast as real time the pile counts 10 of its seconds in a real one: a count begun again 2 kWh
     * 100 real seconds after the last (1,000 of the world's, 2.04 kWh at 7.36 kW) is one, as the driver's bound takes it.
     */
    @Test
    void inASpedUpWorldTheCountIsJudgedAtTheWorldsSpeed() {
        tracker = new SessionTracker(compound, SessionNumbers.inMemory(), ticker, new TimeScale(PLUGGED, PLUGGED, 10), CountSteps.NONE);
        assertThat(modbus(0, 0, Duration.ZERO).deliveredKWh()).isZero();
        assertThat(modbus(10, 360, Duration.ZERO).deliveredKWh()).isCloseTo(10, within(1e-9));
        assertThat(modbus(2.0, 460, Duration.ZERO).deliveredKWh()).as("10 kWh before the count began again plus 2 after")
                .isCloseTo(12.0, within(1e-9));
    }
}
