package org.orderly.gateway.web.view;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.orderly.gateway.core.tariff.Tariff;
import org.orderly.gateway.store.MinuteReading;
import org.orderly.gateway.store.SessionRecord;

/**
 * One session's energy, its cost at the tariff, and the most its car was seen to draw, from its pile's stored minutes
 * and its row's counter. The most seen is that of the minutes wholly its car's: a minute shared with another car on the
 * pile (one leaving, the next coming in) may have its most from that car, and counts only where the car's own minutes
 * saw it draw nothing.
 *
 * <p>A minute its pile was heard in counts its mean over the part of it that mean stands for ({@link MinuteCoverage}:
 * the stored minute's {@code covered}): the first minute of a gateway that started at second 53 is 7 s of charging, not
 * a whole minute at the mean of those 7 s. Of a minute two cars shared on the pile, one leaving and the next coming in,
 * it counts its car's part ({@link PileStays}): the mean holds both cars' draw. A minute with none is a silence: the
 * pile offline (the recorder leaves an offline pile's last report out) or the gateway down. What the car took then is
 * known only from the pile's session counter, once the pile is heard again: the row's {@code deliveredKWh}, as of its
 * {@code lastSeen}, or of its departure for one that ended (the pile's count at the end, when a firmware-bridge said it
 * after a silence). What the counter says beyond the minutes heard up to then is spread evenly over the car's time in
 * the silent minutes up to then (of the minute it came in, the part from its arrival: a car in at second 50 has 10 s
 * of it, not a whole minute's share; of the minute it was seen to leave, the part before), each part priced at its
 * own minute: when in the silence the car drew is not known. A car that left unseen ({@code departureSeen} false) may
 * have drawn after its last sighting too, which its row's counter then includes (the pile's count at the end): the last
 * sighting's minute is among those it is spread
 * over. A counter no higher than the minutes heard adds nothing, and so does one not known (NaN: a pile that counts no
 * energy, a Modbus map without its energy register): the minutes heard are then all that is known.
 *
 * <p>The counter also bounds the minutes heard up to its sighting from above: when they hold more than it says, they
 * are scaled down to it, so that today never says more than the piles counted. Of a going session's sighting's
 * minute only the part up to the sighting is so bounded (evenly over the part of the minute the car was there, from
 * its arrival in the minute it arrived: when in it the car drew is not known); the rest of it and the minutes after,
 * about a minute's worth ({@code CycleRecorder.REWRITE_EVERY}), count as heard, so that a row written late in its
 * minute does not take back what its car drew after it. An ended session's whole minute of its end is bounded: its
 * car drew nothing after it.
 *
 * <p>A counter of 0 bounds nothing, because a 0 may be no count: rows written before migration 9 say 0 for a pile
 * that counts no energy (FieldView turned its NaN into 0 then, in {@code pile_energy_kwh} too). Since migration 9
 * such a pile's rows say null (NaN here), but the rows before cannot be told apart by a migration 12: neither column
 * nor table says which pile counted energy, and its map may have changed since. So no migration: those rows reach
 * today's figures only on the day of the upgrade (today takes only the sessions that ended since midnight or go on,
 * and one still open is rewritten by the upgraded gateway within about a minute, null when its pile counts
 * nothing), and a genuine 0 bounding nothing costs little: it would bound only minutes heard by a pile that also
 * says its car took nothing. (A session's first row, its counter 0 at its first sighting, needs no such rule: its
 * sighting is its arrival, before which its minute holds nothing of its car, {@link #partBefore}.)
 *
 * <p>{@code known} is false where neither says: a session whose row keeps a counter not known (NaN: its pile counts no
 * energy) and whose pile was heard in none of its minutes though a whole one has passed since its car came (a Modbus
 * pile without a power register, whose minutes are left silent, or one offline all along). Its {@code kwh} is then
 * 0, which is not what its car took: that car's draw is in the households' load, as an upper bound (docs/web.md). A
 * row from before the counter was kept (no {@code lastSeen}) is as it was: its minutes are all there is.
 */
record SessionEnergy(double kwh, double costYuan, double maxSeenKw, boolean known) {

    /**
     * @param minutes the pile's {@code power.kw} minutes from {@code from} until {@code end}
     * @param covered how much of each of those minutes its mean stands for
     * @param share   the part of each of those minutes that is this session's: less than all of the minute its car came
     *                in or left in when another car on the pile left or came in then ({@link PileStays})
     * @param from    the minute the session's car came in
     * @param end     the session's end: its departure, or now while it goes on
     */
    static SessionEnergy of(SessionRecord session, List<MinuteReading> minutes, MinuteCoverage covered,
                            ToDoubleFunction<Instant> share, Instant from, Instant end, Tariff tariff) {
        double kwh = 0;
        double cost = 0;
        double maxSeen = 0;
        // The counter is as of the last sighting, or of the departure when the pile said it after a silence (an ended
        // row's counter is the pile's count at the end, CycleRecorder; the car drew nothing from its departure on, so
        // up to the minute before it): the minutes heard up to its minute are what it also counts. A sighting after the
        // end (a row written before the wall clock stepped back) counts up to the end.
        Instant asOf = session.departure() != null && session.lastSeen() != null
                && session.departure().isAfter(session.lastSeen()) ? session.departure().minusMillis(1)
                : session.lastSeen();
        Instant counted = asOf == null ? null : (asOf.isAfter(end) ? end : asOf).truncatedTo(ChronoUnit.MINUTES);
        double[] heardKWh = new double[minutes.size()];
        boolean[] shared = new boolean[minutes.size()];
        // The part of each minute heard the counter also counts: all of a minute before its sighting's, none after,
        // and of a going session's sighting's minute the part up to its sighting (its car drew on after it, and the
        // counter as of its sighting says nothing of that: the row is written again a minute later).
        double[] countedPart = new double[minutes.size()];
        double toCounted = 0;
        for (int i = 0; i < minutes.size(); i++) {
            MinuteReading m = minutes.get(i);
            double part = share.applyAsDouble(m.minute());
            shared[i] = part < 1;
            heardKWh[i] = Math.max(0, m.mean()) * covered.fraction(m) * part / 60.0;
            countedPart[i] = counted == null || m.minute().isAfter(counted) ? 0
                    : m.minute().equals(counted) && session.departure() == null
                    ? partBefore(asOf, counted, session.arrival()) : 1;
            toCounted += heardKWh[i] * countedPart[i];
        }
        // The pile's counter is what the car took up to its sighting, the minutes heard only when: above it, they are
        // brought down to it. A counter of 0 bounds nothing: a row from before migration 9 says 0 for a pile that counts
        // no energy, and no migration can tell those rows' 0 from a count (the class's comment says why none is made).
        double scale = session.deliveredKWh() > 0 && toCounted > session.deliveredKWh()
                ? session.deliveredKWh() / toCounted : 1;
        double heardToCounter = 0;
        // The most of a minute shared with another car on the pile may be that car's: it counts only where the car's
        // own minutes saw it draw nothing.
        double maxShared = 0;
        Set<Instant> heard = new HashSet<>();
        for (int i = 0; i < minutes.size(); i++) {
            MinuteReading m = minutes.get(i);
            double toCounter = heardKWh[i] * countedPart[i] * scale;
            double e = toCounter + heardKWh[i] * (1 - countedPart[i]);
            kwh += e;
            cost += e * tariff.priceAt(m.minute());
            if (shared[i]) {
                maxShared = Math.max(maxShared, m.max());
            } else {
                maxSeen = Math.max(maxSeen, m.max());
            }
            heard.add(m.minute());
            heardToCounter += toCounter;
        }
        maxSeen = maxSeen > 0 ? maxSeen : maxShared;
        if (counted == null) {
            // A row from before the counter was kept (2026-12-01): the minutes are all there is.
            return new SessionEnergy(kwh, cost, maxSeen, true);
        }
        List<Instant> silent = new ArrayList<>();
        for (Instant t = from; !t.isAfter(counted); t = t.plusSeconds(60)) {
            if (!heard.contains(t)) {
                silent.add(t);
            }
        }
        if (!session.departureSeen() && !silent.contains(counted)) {
            // A car that left unseen may have drawn after its last sighting, its pile silent, and the row's counter
            // then be the pile's count at the end (CycleRecorder): that silence is in no minute of the stay, whose
            // departure is the last sighting, so the sighting's minute stands for it.
            silent.add(counted);
        }
        double unheard = session.deliveredKWh() - heardToCounter;
        if (unheard > 0 && !silent.isEmpty()) {
            // Evenly over the time the car was there: of the minute it came in, only the part from its arrival, and of
            // the minute it was seen to leave, only the part before. A car that left unseen may have drawn on after its
            // last sighting, which its minute stands for: that minute counts whole.
            Instant leftAt = session.departureSeen() ? session.departure() : null;
            double thereMs = 0;
            for (Instant t : silent) {
                thereMs += thereMs(t, session.arrival(), leftAt);
            }
            for (Instant t : silent) {
                double each = unheard * thereMs(t, session.arrival(), leftAt) / thereMs;
                kwh += each;
                cost += each * tariff.priceAt(t);
            }
        }
        // Neither a minute heard since its car came, a whole one having passed, nor a counter: what it took is not known.
        boolean known = !minutes.isEmpty() || !Double.isNaN(session.deliveredKWh()) || from.plusSeconds(120).isAfter(end);
        return new SessionEnergy(kwh, cost, maxSeen, known);
    }

    /**
     * The part of what the car drew in {@code minute} that it drew up to {@code sighting} (in it, or after it when the
     * clock stepped back: all), counted evenly over the part of the minute the car was there: from its arrival in the
     * minute it arrived. The pile's mean over that minute holds its 0 before the car came, so its energy is all the
     * car's, drawn after the arrival; spread over the whole minute, a sighting 15 s after an arrival at second 30 took
     * three quarters of it where the car had drawn half by then, and a counter right for those 15 s brought the rest
     * down. A first row, its sighting the arrival, bounds none of the minute, whatever its counter says.
     */
    private static double partBefore(Instant sighting, Instant minute, Instant arrival) {
        long start = Math.max(minute.toEpochMilli(), arrival.toEpochMilli());
        long ms = sighting.toEpochMilli() - start;
        return Math.min(1, Math.max(0, ms / (double) fromArrivalMs(minute, arrival)));
    }

    /**
     * How long of {@code minute} the car was there from its arrival on: all of it but the minute it came in. Never
     * less than 1 ms: the minutes read start at the arrival's, so the car is there for some of each.
     */
    private static long fromArrivalMs(Instant minute, Instant arrival) {
        long start = Math.max(minute.toEpochMilli(), arrival.toEpochMilli());
        return Math.max(1, minute.toEpochMilli() + 60_000 - start);
    }

    /**
     * How long of {@code minute} the car was there: from its arrival on, and up to {@code leftAt} when that is known
     * (null: not). Never less than 1 ms, as {@link #fromArrivalMs}.
     */
    private static long thereMs(Instant minute, Instant arrival, Instant leftAt) {
        long there = fromArrivalMs(minute, arrival);
        if (leftAt == null) {
            return there;
        }
        long afterLeaving = minute.toEpochMilli() + 60_000 - leftAt.toEpochMilli();
        return Math.max(1, there - Math.max(0, afterLeaving));
    }
}
