package org.orderly.gateway.app.live;

import java.time.Duration;
import java.util.Optional;
import org.orderly.gateway.core.model.HouseholdLoad;
import org.orderly.gateway.core.model.LineLoads;
import org.orderly.gateway.core.time.Tick;

/**
 * The households' load where a reading leaves it between two values: the reading may hold a pile's latest step or not
 * (the pile reported it after the meter was read, or was given more before the reading and has not reported since:
 * {@link UnseenRises}). Taken off, the households look lighter by the step if the reading does not hold it; left on,
 * heavier by it if the reading does, and the pile that stepped (a car just begun, on a line with little more room than
 * its step) is cut for room it took itself: below its least current, and so paused for the settle time (30 s), or
 * cut every other cycle. Neither is known, so the households are taken as last known, kept within the two: a reading that
 * is ambiguous only about the piles' own steps is no news about the households. What it can miss: a rise of the
 * households in the same reading, and only as much of it as the steps that reading may or may not hold, until a
 * reading that is not ambiguous settles it: one taken after the pile's next report, or, for a raise its car does not
 * take, after the car's follow time (5 s).
 */
final class HouseholdsBetween {
    private final Duration keep;
    private HouseholdLoad last;
    private Tick lastAt;
    /** Whether the last households given were the heavy bound for want of an estimate, the bounds differing. */
    private boolean heavyForWantOfAnEstimate;

    /** @param keep how old the last estimate may be and still be the households as last known: a reading's staleness */
    HouseholdsBetween(Duration keep) {
        this.keep = keep;
    }

    /**
     * The households as last known, within {@code light} (every step taken off) and {@code heavy} (only what each pile
     * drew by the reading); {@code heavy} where none is known (the first reading, or none for longer than a reading may
     * be old). Each line alike where both the bounds and the last estimate have the lines.
     */
    HouseholdLoad within(HouseholdLoad light, HouseholdLoad heavy, Tick now) {
        HouseholdLoad known = last != null && now.since(lastAt).compareTo(keep) <= 0 ? last : null;
        HouseholdLoad settled = known == null ? heavy : new HouseholdLoad(
                clamp(known.totalKw(), light.totalKw(), heavy.totalKw()), lines(known, light, heavy));
        last = settled;
        lastAt = now;
        heavyForWantOfAnEstimate = known == null && !light.equals(heavy);
        return settled;
    }

    /**
     * Whether the households {@link #within} gave last were the heavy bound only because none was known, the bounds
     * differing: a car's step may be in them. Settled from the households as last known, they are an estimate as good
     * as a reading gives while piles' steps are under way (with many piles, nearly always one is).
     */
    boolean heavyForWantOfAnEstimate() {
        return heavyForWantOfAnEstimate;
    }

    private static Optional<LineLoads> lines(HouseholdLoad known, HouseholdLoad light, HouseholdLoad heavy) {
        if (known.lines().isEmpty() || light.lines().isEmpty() || heavy.lines().isEmpty()) {
            return heavy.lines();
        }
        LineLoads was = known.lines().get();
        LineLoads lo = light.lines().get();
        LineLoads hi = heavy.lines().get();
        return Optional.of(new LineLoads(clamp(was.kw(0), lo.kw(0), hi.kw(0)), clamp(was.kw(1), lo.kw(1), hi.kw(1)),
                clamp(was.kw(2), lo.kw(2), hi.kw(2))));
    }

    private static double clamp(double kw, double least, double most) {
        return Math.max(least, Math.min(most, kw));
    }
}
