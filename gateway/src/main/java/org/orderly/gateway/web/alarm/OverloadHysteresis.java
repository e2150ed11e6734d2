package org.orderly.gateway.web.alarm;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.orderly.gateway.core.time.Tick;

/**
 * When a load over its limit is an overload alarm, and when it no longer is: the one hysteresis of the page's
 * {@link AlarmKind#OVERLOAD} (the transformer's total over {@code limitKw}) and {@link AlarmKind#LINE_OVERLOAD} (a line
 * over {@code phaseLimitA}). The control cycle holds a busy compound right at its limit and the households' load
 * flickers about it: an alarm raised at every crossing and cleared at the next flooded the page's alarms and events.
 *
 * <p>What the control can bring back under its limit it has within {@link #controlledWithin} ({@code web.overloadHoldS},
 * by default {@link org.orderly.gateway.app.config.WebConfig#DEFAULT_OVERLOAD_HOLD}, 10 s): a cycle, a car's 5 s to
 * follow a cut (IEC 61851-1) and its report back. So the hysteresis is in time, between runs over the limit:
 * <ul>
 *     <li>raised once the load has been over its limit at every look for {@link #slowHold} on end ({@link #SLOW} times
 *     what the control needs: no flicker), or more than {@link #FAR_OVER} over it for {@link #controlledWithin} on end (a load the
 *     control could not bring back: the households alone);</li>
 *     <li>cleared once, for {@link #slowHold} on end, every run over the limit has ended within
 *     {@link #controlledWithin}: the load is the control's again, held at its limit with the flicker, or under it.</li>
 * </ul>
 * A deadband under the limit, the usual way, does not fit a load the control fills back up to its limit once it can:
 * the alarm would stand as long as the cars charge. Times are the gateway's monotonic {@link Tick}s: a step of the wall
 * clock neither raises nor clears. Each load (the total, each line) is its own. A load not known at a look (a reading
 * lacking the line: a DL/T 645 frame lost, a BUSY mid-meter; no reading the control trusts: a silent meter) leaves its
 * alarm and holds as they are, as the control keeps the line's last load while it is recent. Unknown for
 * {@link #slowHold} on end, its holds start afresh, but a raised alarm stands: a manager reads "cleared" as "fixed",
 * and nothing says it is; it clears only once known loads have shown the control at work for {@link #slowHold}.
 */
public final class OverloadHysteresis {
    /** More than this share over its limit for {@link #controlledWithin} raises the alarm. */
    public static final double FAR_OVER = 0.10;
    /** Over its limit at all for this many times {@link #controlledWithin} raises it; it clears after as long. */
    public static final int SLOW = 3;

    private final Duration controlledWithin;
    private final Duration slowHold;
    /** A load this close to its limit is at it, not over: the sums of floating-point figures. */
    private static final double EPS = 1e-9;

    private final Map<String, Load> loads = new HashMap<>();

    /**
     * @param controlledWithin the control's time: a run over the limit that ends within it is the control at work; more
     *                         than {@link #FAR_OVER} over for that long, or over at all for {@link #SLOW} times it,
     *                         raises the alarm, and {@link #SLOW} times it of the control at work clears it
     */
    public OverloadHysteresis(Duration controlledWithin) {
        if (controlledWithin.isNegative() || controlledWithin.isZero()) {
            throw new IllegalArgumentException("the overloads' hold must be > 0 s, got " + controlledWithin);
        }
        this.controlledWithin = controlledWithin;
        this.slowHold = controlledWithin.multipliedBy(SLOW);
    }

    /** The control's time: far over for this long raises the alarm. */
    public Duration controlledWithin() {
        return controlledWithin;
    }

    /** Over at all for this long raises the alarm; the control at work for this long clears it. */
    public Duration slowHold() {
        return slowHold;
    }

    /**
     * One load's state: whether its alarm stands and what it shows; since when its present run over the limit (and
     * more than {@link #FAR_OVER} over it) has lasted, since when every run has ended within
     * {@link #controlledWithin} (null while one has not), and since when it has not been known (null while it is).
     */
    private static final class Load {
        boolean raised;
        double shown;
        Tick overSince;
        Tick farOverSince;
        Tick controlledSince;
        Tick unknownSince;
    }

    /**
     * One look at one load.
     *
     * @param load  which load ({@code total}, {@code A} ...): each has its own alarm and holds
     * @param value the load now, in the limit's unit; NaN when it is not known now (no reading the control trusted,
     *              a line the reading lacks): its alarm and holds stay as they are, and once it has not been known
     *              for {@link #slowHold} on end its holds start afresh, its alarm, if raised, still standing
     * @param limit what it may carry
     * @param now   this look's time on the gateway's ticker
     * @return while its alarm stands, what to show with it: the latest value over the limit; empty when it does not
     */
    public synchronized OptionalDouble look(String load, double value, double limit, Tick now) {
        if (!Double.isFinite(value)) {
            return unknown(load, now);
        }
        Load l = loads.computeIfAbsent(load, k -> new Load());
        l.unknownSince = null;
        boolean over = value > limit * (1 + EPS);
        l.overSince = over ? since(l.overSince, now) : null;
        l.farOverSince = value > limit * (1 + FAR_OVER) ? since(l.farOverSince, now) : null;
        l.controlledSince = lasted(l.overSince, controlledWithin, now) ? null : since(l.controlledSince, now);
        if (!l.raised && (lasted(l.overSince, slowHold, now) || lasted(l.farOverSince, controlledWithin, now))) {
            l.raised = true;
        } else if (l.raised && lasted(l.controlledSince, slowHold, now)) {
            l.raised = false;
        }
        if (over) {
            l.shown = value;
        }
        return l.raised ? OptionalDouble.of(l.shown) : OptionalDouble.empty();
    }

    private OptionalDouble unknown(String load, Tick now) {
        Load l = loads.get(load);
        if (l == null) {
            return OptionalDouble.empty();
        }
        l.unknownSince = since(l.unknownSince, now);
        if (lasted(l.unknownSince, slowHold, now)) {
            if (!l.raised) {
                loads.remove(load);
                return OptionalDouble.empty();
            }
            // Not known is not under the limit: the alarm stands, and its clearing hold waits for known loads.
            l.overSince = null;
            l.farOverSince = null;
            l.controlledSince = null;
        }
        return l.raised ? OptionalDouble.of(l.shown) : OptionalDouble.empty();
    }

    private static Tick since(Tick was, Tick now) {
        return was == null ? now : was;
    }

    private static boolean lasted(Tick since, Duration hold, Tick now) {
        return since != null && now.since(since).compareTo(hold) >= 0;
    }
}
