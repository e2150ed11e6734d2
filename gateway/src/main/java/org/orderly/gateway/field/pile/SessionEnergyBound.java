package org.orderly.gateway.field.pile;

import java.time.Duration;
import java.util.Optional;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.field.ReadingBounds;
import org.orderly.text.AsWritten;

/**
 * A pile's session energy counter (a bridge's {@code sessionEnergyKwh}, a Modbus pile's {@code energy.session.kwh})
 * held to what a session can count, as its draw is held to its rating ({@link PileRating#exceededBy}). Until
 * 2026-12-06 any finite count was believed: a bridge saying {@code 1e300} became its session's delivered energy, went
 * upstream and into the page's figures of the day. A count is refused when it is
 * <ul>
 * <li>below zero (a Modbus register of the wrong sign or type; a bridge's is refused as it is read, {@link StatusJson}),
 * <li>above {@value #MOST_SESSION_KWH} kWh: five times the largest car battery sold (about 200 kWh), so no car's
 * session, losses and all, while a register of the wrong word order or type, or a bridge gone wrong, reads far more,
 * <li>or more above the last count taken than the pile could deliver since ({@link PileRating#mostKw}, at 300 V a
 * phase: no car draws more), plus {@value #ROUNDING_KWH} kWh for the bridge's rounding and a Modbus register's step
 * (its scale), since the time the last count was first read.
 * </ul>
 * A count below the last one taken is taken: its session began anew (another car, a bridge restarted), and the session
 * tracker judges it as before; it is the next count's base.
 *
 * <p>The time since the last count taken is the ticker's (monotonic), at the world's speed as configured: a sped-up
 * demo's bridges count their cars' energy on the world's clock, {@code worldSpeed} times as fast as real time, and a
 * real gateway's (speed 1) count real seconds. As a status is stamped when it comes, the last may have come late: the
 * bound allows it {@link #LATE} of real time, as many of the world's seconds as the world runs in them. The wall
 * clock has no say: until 2026-12-07 the bound told the world's speed from the two statuses' spans, the wall clock's
 * over the ticker's, and took a clock stepped forward (NTP) or read late for speed (an hour's step between statuses a
 * second apart allowed 105.64 kWh; SessionEnergyBoundOnTheTickerTest).
 *
 * <p>Only for a pile with a rating, which the gateway gives every pile it drives (a command's shows what it reads, as
 * {@link OwnDrawBound}). Thread-safe: a bridge's statuses come on the driver's thread and Californium's.
 */
public final class SessionEnergyBound {
    /** The most a session counts; see the class. */
    static final double MOST_SESSION_KWH = 1000;
    /** How late a status may have come after the pile counted it (a loaded machine, a CoAP retransmission). */
    public static final Duration LATE = Duration.ofSeconds(10);
    /** A bridge says its count to the Wh. */
    public static final double ROUNDING_KWH = 0.01;

    private final String pileId;
    private final Optional<PileRating> rating;
    /** The count's resolution beyond the bridge's Wh: a Modbus register's scale (0.1 kWh, 1 kWh), 0 for a bridge. */
    private final double stepKwh;
    /** How many times faster than real time the world runs: a sped-up demo's {@code --speed}, 1 for a real gateway. */
    private final double worldSpeed;
    private double lastKwh = Double.NaN;
    /** When {@link #lastKwh} was first read: a count held (its meter silent, a register's coarse step) keeps it. */
    private Tick lastTick;
    /**
     * The count taken before a lower one, and when it was first read (NaN and null while the count has not gone back):
     * a lower count may be a register read torn between its words, a glitch, after which the count is back where it
     * was. Judged from the lower count alone, the true count after it was refused for as long as the pile needs to
     * deliver the difference (hours; read56f), the Modbus driver holding the low count meanwhile and a bridge's status
     * refused as a whole; a count back where it was before is taken.
     */
    private double priorKwh = Double.NaN;
    private Tick priorTick;

    /**
     * A bridge's count that moves in steps of {@code stepKwh} (0 for a real bridge's), in a world that runs {@code worldSpeed}
     * times as fast as real time ({@link PileWorldSpeed}).
     */
    SessionEnergyBound(String pileId, Optional<PileRating> rating, double stepKwh, double worldSpeed) {
        PileWorldSpeed.check(pileId, worldSpeed);
        this.pileId = pileId;
        this.rating = rating;
        this.stepKwh = Math.abs(stepKwh);
        this.worldSpeed = worldSpeed;
    }

    /**
     * Why the count {@code kwh}, read at {@code tick}, is refused, said after the
     * quantity's name ({@code 1.0E300 kWh is no session's count..}); empty when it is taken (and the next is judged from
     * it). NaN (a map that reads no count) is neither.
     */
    synchronized Optional<String> refusal(double kwh, Tick tick) {
        if (rating.isEmpty() || Double.isNaN(kwh)) {
            return Optional.empty();
        }
        Optional<String> none = noSessions(kwh);
        if (none.isPresent()) {
            return none;
        }
        if (lastTick != null && kwh > lastKwh) {
            double worldS = worldSecondsSince(lastTick, tick);
            double most = mostSince(worldS);
            if (kwh - lastKwh > most && backWhereItWas(kwh, tick)) {
                lastKwh = kwh;
                lastTick = tick;
                priorKwh = Double.NaN;
                priorTick = null;
                return Optional.empty();
            }
            if (kwh - lastKwh > most) {
                return Optional.of(ReadingBounds.said(kwh) + " kWh is " + ReadingBounds.said(kwh - lastKwh)
                        + " kWh more than " + ReadingBounds.said(lastKwh) + " kWh " + seconds(worldS) + " before; pile " + pileId
                        + " can deliver at most " + ReadingBounds.said(most) + " kWh in that time (" + rating.get().mostKwReckoned()
                        + ")");
            }
        }
        if (lastTick != null && kwh < lastKwh && (Double.isNaN(priorKwh) || lastKwh > priorKwh)) {
            priorKwh = lastKwh;
            priorTick = lastTick;
        }
        if (kwh != lastKwh) {
            // A count read again unchanged keeps the time it was first read: a bridge whose meter is silent says its last
            // count until the meter answers, then all it counted meanwhile at once (until the read of 2026-12-07 each
            // repeat moved the time on, and that count was refused for as long as the silence had lasted, the pile
            // counted offline; HeldSessionEnergyTest), and a register's coarse step comes a step at a time.
            lastKwh = kwh;
            lastTick = tick;
        }
        if (!Double.isNaN(priorKwh) && kwh >= priorKwh - ROUNDING_KWH - stepKwh) {
            // Back where it was by the pile's own pace: the count before it went back judges nothing more.
            priorKwh = Double.NaN;
            priorTick = null;
        }
        return Optional.empty();
    }

    /**
     * Why {@code kwh} is no session's count: below 0 or above {@value #MOST_SESSION_KWH} kWh; empty when a session may
     * count it. Also for the session a bridge says ended ({@code lastSession.energyKwh}), which has no count before it.
     */
    Optional<String> noSessions(double kwh) {
        if (rating.isEmpty() || kwh >= 0 && kwh <= MOST_SESSION_KWH) {
            return Optional.empty();
        }
        return Optional.of(ReadingBounds.said(kwh) + " kWh is no session's count of pile " + pileId + ": a session counts 0 to "
                + AsWritten.number(MOST_SESSION_KWH) + " kWh");
    }

    /**
     * Whether {@code kwh} is back where the count was before it went back ({@link #priorKwh}), no more above it than the
     * pile could deliver since that count was first read.
     */
    private boolean backWhereItWas(double kwh, Tick tick) {
        return !Double.isNaN(priorKwh) && kwh >= priorKwh - ROUNDING_KWH - stepKwh
                && kwh - priorKwh <= mostSince(worldSecondsSince(priorTick, tick));
    }

    /** The most the pile can count in {@code worldS} of the world's seconds, a late status's and rounding's allowed. */
    private double mostSince(double worldS) {
        return mostCounted(rating.get().mostKw(), worldS, worldSpeed) + stepKwh;
    }

    /** The world's seconds from {@code from} to {@code tick}: the ticker's, at the world's speed. */
    private double worldSecondsSince(Tick from, Tick tick) {
        return worldSeconds(from, tick, worldSpeed);
    }

    /**
     * The most a pile that delivers at most {@code mostKw} counts from a count first read at {@code from} to one read at
     * {@code tick} (the ticker's), in a world {@code worldSpeed} times as fast as real time: as this bound allows it, a
     * late status's {@link #LATE} and the bridge's rounding included. The session tracker judges a count begun again by
     * it (docs/architecture.md, "A pile's count that goes back"), so that the two go by one clock.
     */
    public static double mostCountedBetween(double mostKw, Tick from, Tick tick, double worldSpeed) {
        return mostCounted(mostKw, worldSeconds(from, tick, worldSpeed), worldSpeed);
    }

    private static double mostCounted(double mostKw, double worldS, double worldSpeed) {
        return mostKw * (worldS + LATE.toSeconds() * worldSpeed) / 3600 + ROUNDING_KWH;
    }

    private static double worldSeconds(Tick from, Tick tick, double worldSpeed) {
        return Math.max(0, tick.since(from).toNanos() / 1e9) * worldSpeed;
    }

    private static String seconds(double s) {
        return AsWritten.number(Math.round(s * 10) / 10.0) + " s";
    }
}
