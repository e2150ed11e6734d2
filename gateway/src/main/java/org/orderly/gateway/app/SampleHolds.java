package org.orderly.gateway.app;

import java.time.Duration;
import org.orderly.gateway.app.config.ControlConfig;
import org.orderly.gateway.core.time.TimeScale;

/**
 * How long a value the cycle records stands for in its minute's mean when no later one of its series comes
 * ({@link org.orderly.gateway.store.Sample#holds}), in the world's time: as long as the gateway itself goes on from it.
 * A pile's report until the pile is offline ({@code control.pileOfflineAfterMs}), a cycle's own figures (its household
 * load, EV load, a pile's current) until the next cycle is overdue ({@link ControlLoop#overdueAfter}, when telemetry
 * pauses too). So a silent pile is not held for an hour, nor a stopped gateway's last cycle. A transformer reading, and
 * a pile's draw its bus meter measured ({@link PileMeters}), are held for as long as the cycle that recorded them goes
 * on from a reading: its own stale age, which its result says ({@code CycleResult#staleAfter}), not one kept here (until
 * 2026-12-07 here, 3 s by default beside a test's cycle of 5 s).
 */
record SampleHolds(Duration pileReport, Duration cycle) {
    /**
     * The default configuration's (a 1-s period, piles offline after 70 s), taken from where the configuration defines
     * them, so that a default changed there is changed here too.
     */
    static final SampleHolds DEFAULT = of(ControlConfig.DEFAULT, TimeScale.REAL);

    /** The configuration's, in the world's time ({@code scale}: a sped-up demo's is N times the wall clock's). */
    static SampleHolds of(ControlConfig control, TimeScale scale) {
        return new SampleHolds(scale.toWorld(control.pileOfflineAfter()),
                scale.toWorld(ControlLoop.overdueAfter(control.period())));
    }
}
