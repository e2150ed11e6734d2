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
 * <p>What the control can bring back under its limit it has within {@link #CONTROLLED_WITHIN}: a cycle, a car's 5 s to
 * follow a cut (IEC 61851-1) and its report back. So the hysteresis is in time, between runs over the limit:
 * <ul>
 *     <li>raised once the load has been over its limit at every look for {@link #OVER_FOR} on end (three times what the
 *     control needs: no flicker), or more than {@link #FAR_OVER} over it for {@link #FAR_OVER_FOR} on end (a load the
 *     control could not bring back: the households alone);</li>
 *     <li>cleared once, for {@link #CONTROLLED_FOR} on end, every run over the limit has ended within
 *     {@link #CONTROLLED_WITHIN}: the load is the control's again, held at its limit with the flicker, or under it.</li>
 * </ul>
 * A deadband under the limit, the usual way, does not fit a load the control fills back up to its limit once it can:
 * the alarm would stand as long as the cars charge. Times are the gateway's monotonic {@link Tick}s: a step of the wall
 * clock neither raises nor clears. Each load (the total, each line) is its own.
 */
public final class OverloadHysteresis {
    /** Over its limit at every look for this long on end raises the alarm. */
    public static final Duration OVER_FOR = Duration.ofSeconds(30);
    /** More than this share over its limit ... */
    public static final double FAR_OVER = 0.10;
    /** ... at every look for this long on end raises it sooner. */
    public static final Duration FAR_OVER_FOR = Duration.ofSeconds(10);
    /** A run over the limit that ends within this is the control at work ... */
    public static final Duration CONTROLLED_WITHIN = Duration.ofSeconds(10);
    /** ... and a raised alarm clears once every run has, for this long on end. */
    public static final Duration CONTROLLED_FOR = Duration.ofSeconds(30);

    /** A load this close to its limit is at it, not over: the sums of floating-point figures. */
    private static final double EPS = 1e-9;

    private final Map<String, Load> loads = new HashMap<>();

    /**
     * One load's state: whether its alarm stands and what it shows; since when its present run over the limit (and
     * more than {@link #FAR_OVER} over it) has lasted, and since when every run has ended within
     * {@link #CONTROLLED_WITHIN} (null while one has not).
     */
    private static final class Load {
        boolean raised;
        double shown;
        Tick overSince;
        Tick farOverSince;
        Tick controlledSince;
    }

    /**
     * One look at one load.
     *
     * @param load  which load ({@code total}, {@code A} ...): each has its own alarm and holds
     * @param value the load now, in the limit's unit; NaN when it is not known now (no reading the control trusted,
     *              a line the reading lacks): its alarm goes at once and its holds start afresh
     * @param limit what it may carry
     * @param now   this look's time on the gateway's ticker
     * @return while its alarm stands, what to show with it: the latest value over the limit; empty when it does not
     */
    public synchronized OptionalDouble look(String load, double value, double limit, Tick now) {
        if (!Double.isFinite(value)) {
            loads.remove(load);
            return OptionalDouble.empty();
        }
        Load l = loads.computeIfAbsent(load, k -> new Load());
        boolean over = value > limit * (1 + EPS);
        l.overSince = over ? since(l.overSince, now) : null;
        l.farOverSince = value > limit * (1 + FAR_OVER) ? since(l.farOverSince, now) : null;
        l.controlledSince = lasted(l.overSince, CONTROLLED_WITHIN, now) ? null : since(l.controlledSince, now);
        if (!l.raised && (lasted(l.overSince, OVER_FOR, now) || lasted(l.farOverSince, FAR_OVER_FOR, now))) {
            l.raised = true;
        } else if (l.raised && lasted(l.controlledSince, CONTROLLED_FOR, now)) {
            l.raised = false;
        }
        if (over) {
            l.shown = value;
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
