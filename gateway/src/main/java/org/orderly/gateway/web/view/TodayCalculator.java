package org.orderly.gateway.web.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.tariff.Tariff;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.Store;
import org.orderly.gateway.store.StoreReader;

/**
 * Today's figures for the sessions that ended since local midnight or go on, whenever they began (up to
 * {@link #LOOKBACK} before): the energy each pile's meter recorded during the session, over the time the gateway
 * covered, and no more than the pile's session counter says (through a silence of the pile, what that counter says:
 * {@link SessionEnergy}), what it cost minute by minute at the tariff, and what it would
 * have cost uncontrolled: delivered from arrival at the most the car was seen to draw (at most its pile's maximum)
 * until it had the same energy, for the sessions a stored minute saw draw (one whose energy came with no such minute is
 * left out of the comparison and named: {@link Today}). A minute in which one car left a pile and the next came in
 * is split between their sessions by the time each car was there in it ({@link PileStays}), not counted whole in
 * both. A session is counted whole on the day it ends, so an evening's car that charges in the night's valley is in
 * the next day's figures with the saving of its waiting. It reads the store (per-minute pile power, each minute saying
 * how much of it its mean covers, and for minutes stored before migration 11, which do not, the pile's current set at
 * each cycle: {@link MinuteCoverage}), so it is computed about once a minute, not every second.
 */
public final class TodayCalculator {
    /** How long before midnight a session still going on today may have begun. */
    static final Duration LOOKBACK = Duration.ofDays(7);

    private final Store store;
    private final Compound compound;
    private final Tariff tariff;
    private final Clock clock;
    private final Duration cyclePeriod;

    /** @param cyclePeriod the control cycle's period in the store's time (the world's, in a sped-up demo) */
    public TodayCalculator(Store store, Compound compound, Tariff tariff, Clock clock, Duration cyclePeriod) {
        this.store = store;
        this.compound = compound;
        this.tariff = tariff;
        this.clock = clock;
        this.cyclePeriod = cyclePeriod;
    }

    public Today compute() {
        Instant now = clock.instant();
        Instant midnight = LocalDate.ofInstant(now, tariff.zone()).atStartOfDay(tariff.zone()).toInstant();
        Map<String, SessionRecord> sessions = new HashMap<>();
        double kwh = 0;
        double cost = 0;
        double uncontrolled = 0;
        double comparedKwh = 0;
        double comparedCost = 0;
        List<LeftOutSession> leftOut = new ArrayList<>();
        List<UncountedSession> notCounted = new ArrayList<>();
        try (StoreReader reader = store.reader()) {
            // A session is rewritten at its end: the newest row per id wins.
            for (SessionRecord s : reader.sessions(midnight.minus(LOOKBACK), now)) {
                sessions.put(s.id(), s);
            }
            // Before those that ended before midnight are left out: the car that left in a minute today's came in still
            // had its part of it.
            PileStays stays = new PileStays(sessions.values(), now);
            sessions.values().removeIf(s -> s.departure() != null && s.departure().isBefore(midnight));
            for (SessionRecord s : sessions.values()) {
                int pile = compound.indexOf(s.pile());
                if (pile < 0) {
                    continue;
                }
                Instant end = s.departure() == null ? now : s.departure();
                // The pile drew nothing before its car came, so the minute it came in is the session's, as the one it
                // left in is; when another car left or came in within it too, the part each was there for (PileStays).
                Instant from = s.arrival().truncatedTo(ChronoUnit.MINUTES);
                String meter = "pile-" + s.pile();
                MinuteCoverage covered = new MinuteCoverage(reader.readings(meter, "setpoint.a", from, end),
                        cyclePeriod);
                SessionEnergy session = SessionEnergy.of(s, reader.readings(meter, "power.kw", from, end), covered,
                        minute -> stays.share(s, minute), from, end, tariff);
                if (!session.known()) {
                    // Neither its minutes nor its counter say what its car took (a pile that measures neither): its 0
                    // would be said as a measurement, and the saving as covering it. Named instead, in no figure.
                    notCounted.add(new UncountedSession(s.id(), s.pile()));
                    continue;
                }
                kwh += session.kwh();
                cost += session.costYuan();
                double fullKw = Math.min(session.maxSeenKw(), compound.kw(pile, compound.pile(pile).maxCurrentA()));
                boolean drawSeen = fullKw > 0;
                if (!drawSeen && session.kwh() > 0 && !onePrice(tariff, from, end)) {
                    // Energy known from the pile's counter alone (its minutes saw no draw: a gateway's first minute, a
                    // pile silent all along) across a change of price: at what power it would have come uncontrolled,
                    // and so at what price, is not known, and counting it at no cost would say its cost as a saving
                    // below nothing. It is left out of the comparison, and said so; the other sessions' saving stands.
                    leftOut.add(new LeftOutSession(s.id(), s.pile(), session.kwh()));
                    continue;
                }
                comparedKwh += session.kwh();
                comparedCost += session.costYuan();
                // A session no minute saw draw (most often a car in less than a minute ago) under one price from the
                // minute it came to its end: uncontrolled, at least as fast, it would have had its energy within that
                // time too, at that price, so it saves nothing and costs nothing more. Until 2026-12-05 every car that
                // came in was listed as left out of the saving until its first minute was stored.
                uncontrolled += drawSeen ? uncontrolledCost(tariff, s.arrival(), session.kwh(), fullKw)
                        : session.costYuan();
            }
        }
        leftOut.sort(Comparator.comparing(LeftOutSession::pile).thenComparing(LeftOutSession::session));
        notCounted.sort(Comparator.comparing(UncountedSession::pile).thenComparing(UncountedSession::session));
        // Nothing compared while a session is left out: no saving to say, not a saving of 0.
        boolean known = leftOut.isEmpty() || comparedKwh > 0;
        return new Today(kwh, cost, known ? uncontrolled : null, known ? uncontrolled - comparedCost : null,
                comparedKwh, comparedCost, leftOut, notCounted);
    }

    /**
     * Whether every minute from {@code from} to {@code end} has the price of the first (a tariff's periods begin on a
     * minute).
     */
    static boolean onePrice(Tariff tariff, Instant from, Instant end) {
        double price = tariff.priceAt(from);
        for (Instant t = from.plusSeconds(60); !t.isAfter(end); t = t.plusSeconds(60)) {
            if (tariff.priceAt(t) != price) {
                return false;
            }
        }
        return tariff.priceAt(end) == price;
    }

    /** The cost of {@code kwh} delivered from {@code arrival} at a constant {@code kw}, minute by minute. */
    static double uncontrolledCost(Tariff tariff, Instant arrival, double kwh, double kw) {
        if (!(kw > 0) || !(kwh > 0)) {
            return 0;
        }
        double left = kwh;
        double cost = 0;
        for (Instant t = arrival; left > 1e-9; t = t.plusSeconds(60)) {
            double e = Math.min(left, kw / 60.0);
            cost += e * tariff.priceAt(t);
            left -= e;
        }
        return cost;
    }
}
