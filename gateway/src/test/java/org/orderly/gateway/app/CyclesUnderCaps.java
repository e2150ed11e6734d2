package org.orderly.gateway.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.orderly.gateway.app.live.CycleListener;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.CycleSeen;
import org.orderly.gateway.core.model.GridCap;

/**
 * Every control cycle of a {@link LiveRig} gateway as the grid would judge it against its caps, taken on the control
 * thread as it happens (so a test counts in cycles, not in milliseconds a loaded machine stretches): the cycle's number
 * ({@link ControlLoop#cycles()}), its time, the caps it was given, the household load it assumed and what it offered
 * each pile.
 */
final class CyclesUnderCaps implements CycleListener {
    /** One cycle. {@code amps} by pile index; single-phase piles at 220 V. */
    record Seen(long number, Instant at, List<GridCap> caps, double baseKw, double[] amps) {
        double offeredKw() {
            double kw = 0;
            for (double a : amps) {
                kw += Math.max(0, a) * 0.22;
            }
            return kw;
        }

        boolean has(String capId) {
            return caps.stream().anyMatch(c -> c.id().equals(capId));
        }

        /** The total limit this cycle had to keep to: the transformer's, or the lowest cap it was given active now. */
        double limitKw(double transformerKw) {
            double limit = transformerKw;
            for (GridCap cap : caps) {
                if (cap.activeAt(at)) {
                    limit = Math.min(limit, cap.limitKw());
                }
            }
            return limit;
        }

        @Override
        public String toString() {
            return "cycle %d at %s: base %.2f kW, offered %.2f kW (%s A), caps %s".formatted(number, at, baseKw,
                    offeredKw(), java.util.Arrays.toString(amps), caps.stream().map(GridCap::id).toList());
        }
    }

    private final ControlLoop loop;
    private final List<Seen> seen = new ArrayList<>();

    CyclesUnderCaps(ControlLoop loop) {
        this.loop = loop;
        loop.observe(this);
    }

    @Override
    public void cycle(CycleSeen cycle) {
        CycleResult result = cycle.result();
        Seen s = new Seen(loop.cycles(), cycle.at(), result.caps(), result.baseKw(), result.allocation().amps().clone());
        synchronized (seen) {
            seen.add(s);
        }
    }

    /** The cycles so far, oldest first. */
    List<Seen> all() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The cycles so far that match. */
    List<Seen> where(Predicate<Seen> p) {
        return all().stream().filter(p).toList();
    }

    /** The number of the last cycle counted so far, 0 before the first. */
    long last() {
        return loop.cycles();
    }
}
