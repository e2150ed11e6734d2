package org.orderly.gateway.app.live;

import static org.orderly.gateway.app.live.ObservationBuilder.observation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.orderly.gateway.core.CompoundFixtures;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;

/**
 * What the session tracker costs the 1-second control cycle ({@link SessionTracker#update}, as {@code ControlCycle.run}
 * calls it), every pile's car plugged in: {@code counts = rising}, each pile's count a Wh on since the last cycle (a
 * charging car: {@code Open.counting} makes the session's record anew, per pile per cycle), beside {@code held}, the
 * same count again (the record kept). The two differ by that record alone: the piles' reports are made anew in both, as
 * the field makes them every cycle. Run by {@code tools/bench/session-tracker.sh} with JMH's {@code -prof gc}
 * (docs/benchmarks.md, "The session tracker in the control cycle").
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionTrackerBenchmark {
    private static final Instant AT = Instant.parse("2026-12-07T06:00:00Z");

    /** A compound of {@code piles} single-phase piles, each with a car plugged in and its session open. */
    @State(Scope.Thread)
    public static class Piles {
        @Param({"9", "300"})
        public int piles;
        @Param({"rising", "held"})
        public String counts;
        SessionTracker tracker;
        long cycle;

        @Setup(Level.Trial)
        public void plugIn() {
            CompoundFixtures.Builder b = CompoundFixtures.compound().limitKw(1_000_000);
            for (int i = 0; i < piles; i++) {
                b.pile("p" + i, Phase.values()[i % 3], null);
            }
            tracker = new SessionTracker(b.build(), SessionNumbers.inMemory(), Ticker.SYSTEM, TimeScale.REAL, CountSteps.NONE);
            tracker.update(reports(0));
        }

        List<PileObservation> reports(long n) {
            double count = counts.equals("rising") ? n * 0.001 : 0;
            List<PileObservation> out = new ArrayList<>(piles);
            for (int i = 0; i < piles; i++) {
                out.add(observation(i, true, 7, count, AT).build());
            }
            return out;
        }
    }

    /** One cycle's update: the piles' reports, as the field makes them, and the sessions plugged in. */
    @Benchmark
    public List<PluggedSession> update(Piles p) {
        return p.tracker.update(p.reports(++p.cycle));
    }
}
