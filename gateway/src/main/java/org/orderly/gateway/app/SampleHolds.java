package org.orderly.gateway.app;

import java.time.Duration;
import org.orderly.gateway.app.config.ControlConfig;
import org.orderly.gateway.core.time.TimeScale;

/**
 * How long a value the cycle records stands for in its minute's mean when no later one of its series comes
 * ({@link org.orderly.gateway.store.Sample#holds}), in the world's time: as long as the gateway itself goes on from it.
 * A transformer reading until it is stale ({@code control.staleAfterMs}), and so a pile's draw its bus meter measured
 * ({@link PileMeters}, which serves for as long), a pile's report until the pile is offline
 * ({@code control.pileOfflineAfterMs}), a cycle's own figures (its household load, EV load, a pile's current) until
 * the next cycle is overdue ({@link ControlLoop#overdueAfter}, when telemetry pauses too). So a silent pile is not held
 * for an hour, nor a stopped gateway's last cycle.
 */
record SampleHolds(Duration meterReading, Duration pileReport, Duration cycle) {
    /**
     * The default configuration's (a 1-s period, readings stale after 3 s, piles offline after 70 s), taken from where
     * the configuration defines them, so that a default changed there is changed here too.
     */
    static final SampleHolds DEFAULT = of(ControlConfig.DEFAULT.staleAfter(), ControlConfig.DEFAULT, TimeScale.REAL);

    /**
     * The configuration's, in the world's time ({@code scale}: a sped-up demo's is N times the wall clock's), a meter
     * reading's the control cycle's own stale age ({@code ControlCycle#staleAfter}, in the world's time): how long the
     * cycle goes on from a reading is one thing, which the recorder also judges a reading not taken by
     * ({@code ReadingNotTaken#why}), as the page does from the cycle. Until 2026-12-07 it was computed here apart from
     * the configuration, beside the cycle's.
     */
    static SampleHolds of(Duration readingStaleAfter, ControlConfig control, TimeScale scale) {
        return new SampleHolds(readingStaleAfter, scale.toWorld(control.pileOfflineAfter()),
                scale.toWorld(ControlLoop.overdueAfter(control.period())));
    }
}
