package org.orderly.gateway.web.view;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.orderly.gateway.core.tariff.Tariff;
import org.orderly.gateway.store.MinuteReading;
import org.orderly.gateway.store.SessionRecord;

/**
 * One session's energy, its cost at the tariff, and the most its car was seen to draw, from its pile's stored minutes
 * and its row's counter.
 *
 * <p>A minute its pile was heard in counts as recorded (its mean). A minute with none is a silence: the pile offline
 * (the recorder leaves an offline pile's last report out) or the gateway down. What the car took then is known only
 * from the pile's session counter, once the pile is heard again: the row's {@code deliveredKWh}, as of its
 * {@code lastSeen}, or of its departure for one that ended (the pile's count at the end, when a firmware-bridge said it
 * after a silence). What the counter says beyond the minutes heard up to then is spread evenly over the silent minutes
 * up to then, each priced at its own minute: when in the silence the car drew is not known. A car that left unseen
 * ({@code departureSeen} false) may have drawn after its last sighting too, which its row's counter then includes
 * (the pile's count at the end): the last sighting's minute is among those it is spread over. A counter no higher than
 * the minutes heard adds nothing, and so does one not known (NaN: a pile that counts no energy, a Modbus map without
 * its energy register): the minutes heard are then all that is known.
 */
record SessionEnergy(double kwh, double costYuan, double maxSeenKw) {

    /**
     * @param minutes the pile's {@code power.kw} minutes from {@code from} until {@code end}
     * @param from    the minute the session's car came in
     * @param end     the session's end: its departure, or now while it goes on
     */
    static SessionEnergy of(SessionRecord session, List<MinuteReading> minutes, Instant from, Instant end,
                            Tariff tariff) {
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
        double heardToCounter = 0;
        Set<Instant> heard = new HashSet<>();
        for (MinuteReading m : minutes) {
            double e = Math.max(0, m.mean()) / 60.0;
            kwh += e;
            cost += e * tariff.priceAt(m.minute());
            maxSeen = Math.max(maxSeen, m.max());
            heard.add(m.minute());
            if (counted != null && !m.minute().isAfter(counted)) {
                heardToCounter += e;
            }
        }
        if (counted == null) {
            // A row from before the counter was kept (2026-12-01): the minutes are all there is.
            return new SessionEnergy(kwh, cost, maxSeen);
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
            double each = unheard / silent.size();
            for (Instant t : silent) {
                kwh += each;
                cost += each * tariff.priceAt(t);
            }
        }
        return new SessionEnergy(kwh, cost, maxSeen);
    }
}
