package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;
import org.orderly.gateway.core.time.ClockStep;
import org.orderly.gateway.core.time.Tick;
import org.orderly.gateway.core.time.Ticker;
import org.orderly.gateway.core.time.TimeScale;
import org.orderly.gateway.field.pile.PileRating;
import org.orderly.gateway.field.pile.SessionEnergyBound;

/**
 * Recognises sessions from pile states: a session starts when a pile reports a plugged vehicle and
 * ends when it reports none (A), or E or F for {@link #KEPT_THROUGH_FAULT}: shorter, the session goes on. Energy is
 * counted from the pile's session meter at plug-in, so a pile
 * whose counter does not restart at zero is still counted right.
 *
 * <p>A session's id is {@code pileId@arrivalEpochSecond-number}. The pile and the wall-clock second are for people
 * reading it; the number, never given twice, is what makes it unique: the second alone repeats when NTP steps the
 * clock back, or when a car is plugged out and in within a second, and the store keeps one record per id.
 *
 * <p>Sessions open when the gateway stopped are {@linkplain #carry carried} into the next start and decided on when
 * their pile first reports (docs/architecture.md, "Sessions across a restart"): a vehicle plugged in whose pile's
 * session counter has not gone back below the one last seen (no margin: {@link CountBegunAgain#storedCountGoesOn}) and, when
 * the pile says when its car was plugged in, was plugged in no later than the session was last seen (within
 * {@link #SAME_PLUG_IN_TOLERANCE}) is the same car, and its
 * session goes on (same id, arrival and declaration; energy counted on from the counter last seen, so what it took
 * while the gateway was down counts too). Otherwise its car left while the gateway was down: the session is reported
 * {@linkplain #takeDepartedUnseen departed unseen}, and a vehicle plugged in now starts a new one. A counter that went
 * back means the pile began a new count: a car plugged in meanwhile, or the pile itself restarted; the two cannot be
 * told apart, and a session split in two is the lesser harm than two cars' stays taken for one. But a bridge that says
 * its car is the one it found plugged in at its start, started after the last sighting within
 * {@link #BRIDGE_RESTARTED_WITHIN}, restarted with the car: the session goes on, all it counted since added. A counter that did
 * not go back tells nothing of a car plugged in anew before it drew more than the first had: only the plug-in time
 * does, and a pile that does not give it (Modbus) leaves that case taken for the same car.
 *
 * <p>While the gateway runs, a pile's count may begin again under a session that goes on, with the same car (a bridge
 * restarted, a register reset): the session's delivered energy is then what it had delivered by then plus the new count
 * (docs/architecture.md, "A pile's count that goes back"). A pile that says when its count began has begun it again
 * when that start moves later than it said before ({@link CountBegunAgain}); one that does not (Modbus), when its count
 * goes back below the last by more than its rounding and no more than it could have counted since.
 *
 * <p>While the gateway runs, a pile that says its car was plugged in after the open session was last seen (beyond
 * {@link #SAME_PLUG_IN_TOLERANCE}) has another car: the session's car left while the pile could not be heard, and the
 * session ends at its last sighting as a departure not seen; the new car's begins. But for a bridge that says its car is
 * the one it found plugged in at its start ({@code pluggedAtStart}), started within {@link #BRIDGE_RESTARTED_WITHIN} of
 * that sighting: restarted with the session's car plugged in, the session goes on (docs/architecture.md, "A pile's
 * count that goes back").
 */
public final class SessionTracker {
    /** {@code open} as it was before a 0 taken for its count begun again, its last count last read at {@code readAt}. */
    private record BeforeZero(Open open, Tick readAt) {
    }

    /** Session {@code sessionId}'s last count taken was last read at {@code at} (the ticker's). */
    private record CountRead(String sessionId, Tick at) {
    }

    /**
     * A session plugged in now. {@code energyAtStart} is the pile's count its delivered energy is counted from,
     * {@code bankedKWh} what it delivered before the pile's count began again under it (a bridge restarted with the car
     * still plugged in counts from 0 again), {@code lastCountKWh} the pile's count last seen (NaN: none yet) and
     * {@code lastCountAt} when that count was first read, on the ticker (null with none, or none read since the gateway
     * started: a carried session's stored count), {@code judgedBackKWh} a count below the last judged no count begun
     * again, while the pile says it (NaN: none), {@code countBegan} when the pile last said its count began (its plug-in),
     * on the ticker ({@link CountBegunAgain#began}; null: it does not say, or has not since the gateway started).
     */
    private record Open(String id, Instant arrival, double energyAtStart, Declaration declared, double bankedKWh,
                        double lastCountKWh, Tick lastCountAt, double judgedBackKWh, Tick countBegan) {
        Open(String id, Instant arrival, double energyAtStart, Declaration declared, double bankedKWh,
             double lastCountKWh, Tick lastCountAt) {
            this(id, arrival, energyAtStart, declared, bankedKWh, lastCountKWh, lastCountAt, Double.NaN, null);
        }

        Open(String id, Instant arrival, double energyAtStart, Declaration declared) {
            this(id, arrival, energyAtStart, declared, 0, Double.NaN, null);
        }

        Open declaring(Declaration d) {
            return new Open(id, arrival, energyAtStart, d, bankedKWh, lastCountKWh, lastCountAt, judgedBackKWh, countBegan);
        }

        /** Its times on the clock as set: the ticker's ({@code lastCountAt}, {@code countBegan}) no step moves. */
        Open restamped(ClockStep step) {
            return new Open(id, step.correct(arrival), energyAtStart, declared.restamped(step), bankedKWh, lastCountKWh,
                    lastCountAt, judgedBackKWh, countBegan);
        }

        /**
         * As counted on by {@code count}, read at {@code at} (the ticker's), the pile saying its count began at
         * {@code began} (the ticker's; null: it does not say), judged by {@code rule}. A pile that says when its count
         * began is judged by that alone: a start later than the one it said before, beyond the tolerance
         * ({@link CountBegunAgain#startMoved}), is its count begun again, whatever its value, and what was
         * delivered up to the last count is kept and the new count added to it from 0 (a pile that says its plug-in
         * counts from it). A pile that does not say (Modbus) is judged by the count: one below the last, no more than
         * the pile could have counted from 0 since the last was first read, is its count begun again; one below the
         * last and more than that (its rounding, a reading a status late, a register read torn between its words) is
         * no count begun again: banked, what was counted before would be counted twice once the count is back
         * (docs/architecture.md, "A pile's count that goes back").
         */
        Open counting(double count, Tick at, Tick began, CountBegunAgain rule) {
            if (Double.isNaN(lastCountKWh)) {
                return new Open(id, arrival, energyAtStart, declared, bankedKWh, count, at, Double.NaN, began);
            }
            if (began != null && countBegan != null) {
                // A start moved to before the last count was first read (less a late status's lateness and the start's
                // jitter) is a status that came late (a CoAP notification retransmitted: its seconds as of its sending,
                // stamped when it came), not a count begun again: a restarted pile starts after the last count it sent
                // was read. Taken so, the whole count before it would be counted twice.
                return rule.begunAgain(countBegan, began, lastCountAt)
                        ? new Open(id, arrival, 0, declared, delivered(lastCountKWh), count, at, Double.NaN, began)
                        : countedOn(count, at, began);
            }
            if (count < lastCountKWh - SessionEnergyBound.ROUNDING_KWH) {
                if (count == judgedBackKWh) {
                    // The same count, held (a Modbus driver says its last count taken while it refuses the next): judged
                    // when it first came, not again as time passes (read56f: a torn read held 20 minutes was banked).
                    return this;
                }
                return valueBegunAgain(count, at, rule)
                        ? new Open(id, arrival, 0, declared, delivered(lastCountKWh), count, at, Double.NaN, began)
                        : new Open(id, arrival, energyAtStart, declared, bankedKWh, lastCountKWh, lastCountAt, count, began);
            }
            return countedOn(count, at, began);
        }

        /**
         * Whether {@code count}, read at {@code at}, is a count begun again by its value ({@link #counting}: for a pile
         * that does not say when its count began): below the last by more than the rounding, not the count judged back
         * and held, and no more than the pile could have counted from 0 since the last was first read.
         */
        boolean valueBegunAgain(double count, Tick at, CountBegunAgain rule) {
            return !Double.isNaN(lastCountKWh) && count < lastCountKWh - SessionEnergyBound.ROUNDING_KWH
                    && count != judgedBackKWh && count <= rule.mostCountedBetween(lastCountAt == null ? at : lastCountAt, at);
        }

        /**
         * This session (its id, arrival and declaration, which may have changed since) with the counts {@code before}
         * had: a count taken for one begun again found misread, judged as if it had not come.
         */
        Open countsOf(Open before) {
            return new Open(id, arrival, before.energyAtStart, declared, before.bankedKWh, before.lastCountKWh,
                    before.lastCountAt, before.judgedBackKWh, countBegan);
        }

        /** The same count going on: a count on is first read now; so is a carried session's stored count, read again. */
        private Open countedOn(double count, Tick at, Tick began) {
            return count > lastCountKWh || lastCountAt == null
                    ? new Open(id, arrival, energyAtStart, declared, bankedKWh, count, at, Double.NaN, began)
                    : new Open(id, arrival, energyAtStart, declared, bankedKWh, lastCountKWh, lastCountAt, judgedBackKWh,
                    began);
        }

        double delivered(double count) {
            return bankedKWh + Math.max(0, count - energyAtStart);
        }
    }


    /** The longest a pile's word on when its car was plugged in is taken back from the reading. */
    public static final Duration LONGEST_REPORTED_STAY = Duration.ofDays(7);
    /**
     * How much later than a carried session's last sighting its car's plug-in may read and still be the same car, in
     * real time: the store keeps {@code last_seen} in whole seconds (rounded down, up to 1 s early), the bridge's
     * {@code pluggedSeconds} is rounded down (the plug-in then reads up to 1 s late), and the reading is stamped when
     * its answer reaches the gateway (a GET's within the 2 s request timeout). A car can hardly be unplugged and another
     * plugged in within it (docs/architecture.md, "Sessions across a restart").
     */
    public static final Duration SAME_PLUG_IN_TOLERANCE = Duration.ofSeconds(4);
    /**
     * How long after an open session was last seen its bridge may have started, saying its car is the one it found
     * plugged in at its start, and the session go on, in real time: a {@code systemctl restart}, a crash restarted, the
     * Pi rebooted. A car unplugged and another plugged in while the bridge was down is not told from the first: within
     * this its stay is merged into the session (docs/architecture.md, "A pile's count that goes back").
     */
    public static final Duration BRIDGE_RESTARTED_WITHIN = Duration.ofMinutes(2);
    /**
     * How long a pile may say E or F under an open session, in real time, and the session go on when it says B or C
     * again (no A between): E or F says nothing of whether the car is still there (IEC 61851-1: only A says none), so a
     * car whose pilot glitched (a contactor's bounce, a spike, a wet connector) keeps its session, id, energy and
     * declaration. Longer, the session ends: a pilot unreadable that long could hide a car unplugged and another
     * plugged in. Not as at A, though: E or F says nothing of the car, so its departure is not seen, at its last
     * sighting (no end {@link #endOf}). As long as a bridge keeps its plug-in through them ({@code PlugInWatch.KEPT_THROUGH_FAULT})
     * and as {@link #BRIDGE_RESTARTED_WITHIN}, the other time a car's swap goes unseen (docs/architecture.md, "A pile
     * in E or F").
     */
    public static final Duration KEPT_THROUGH_FAULT = Duration.ofMinutes(2);

    private final Compound compound;
    private final SessionNumbers numbers;
    /** What a count begun again is judged on ({@link Open#counting}): the readings' ages, the drivers' ticker's. */
    private final Ticker ticker;
    /** How many times faster than real time the piles count: a sped-up demo's, as its drivers' bounds are told. */
    private final double worldSpeed;
    /** Per pile, what tells its count begun again: made once, its inputs the pile's and the world's. */
    private final CountBegunAgain[] countRules;
    private final Map<Integer, Open> open = new HashMap<>();
    /**
     * Per pile, its open session as it was before a 0 its pile (one that does not say when its count began) said was
     * taken for a count begun again, and when its count then was last read: what the first count other than 0 after it
     * is judged against ({@link CountBegunAgain#misreadZero}); null when none waits.
     */
    private final BeforeZero[] beforeZero;
    /** Per pile, the session whose last count taken was last read when (null: none read since the gateway started). */
    private final CountRead[] lastRead;
    /** Per pile, the time of the last report that said its car was plugged in (the open session's last sighting). */
    private final Instant[] seen;
    private final Map<Integer, CarriedSession> carried = new HashMap<>();
    /** Per pile, the spell of E or F its open (or carried) session goes on through. */
    private final FaultSpells faults;
    /**
     * Per pile, the end of the last session on it: seen while running, else the latest on record at start or of a
     * carried one.
     */
    private final Instant[] lastEnded;
    /** Per pile, how the last session that ended on it while running ended (null: none). */
    private final SessionEnd[] lastEnd;
    private final List<CarriedSession> departedUnseen = new ArrayList<>();
    /**
     * Per pile, whether the last {@link #update} was told it could not be heard (offline): a car its next report says
     * gone left some time in that silence, no departure seen.
     */
    private final boolean[] unheardLast;
    /** The ends decided since the last {@link #takeEnded}, of sessions open while running and of carried ones. */
    private final List<SessionEnd> ended = new ArrayList<>();
    /**
     * Whether what a pile says of a plug-in is of the session last seen: {@link #SAME_PLUG_IN_TOLERANCE} and
     * {@link #BRIDGE_RESTARTED_WITHIN} in the world's time, made from the world the tracker is given with its speed.
     */
    private final SamePlugIn samePlugIn;
    /**
     * The step that set the clock, while it has stayed set since: a pile's report read before it, which a cycle after
     * it reads first, has the unset clock's times, which the step corrects.
     */
    private ClockStep clockSetBy;
    /**
     * Whether the last cycle found the clock not set: a reading's time is then on the unset clock, and a session's end
     * on record on the real one.
     */
    private boolean clockUnset;

    /**
     * A tracker whose readings' ages ({@link PileObservation#age}) are on {@code ticker}, its piles counting their cars'
     * energy in {@code world} ({@link SessionEnergyBound}, the drivers' world
     * speed): a sped-up world's count begun again may say more in a real second, and its start moves by the world's
     * seconds. Until 2026-12-07 set after construction ({@code inWorldOf}), where a tracker left unset judged a sped-up
     * demo's counts in real time. Its plug-ins are judged in that world too ({@link #samePlugIn()}): until 2026-12-07 their
     * tolerance came apart, with {@link #carry}, and a tracker not given it judged a sped-up world's plug-ins in real time.
     * Its piles' counts move in {@code steps} (a Modbus register's scale), which a register read 0 once is told by
     * ({@link CountBegunAgain#misreadZero}; a carried session's count allows no step,
     * {@link CountBegunAgain#storedCountGoesOn}). The one maker, the product's (until 2026-12-07 the tests had one
     * without {@code steps}).
     */
    public SessionTracker(Compound compound, SessionNumbers numbers, Ticker ticker, TimeScale world, CountSteps steps) {
        this.compound = compound;
        this.ticker = ticker;
        this.worldSpeed = world.speed();
        this.samePlugIn = SamePlugIn.in(world);
        this.countRules = new CountBegunAgain[compound.pileCount()];
        for (int i = 0; i < countRules.length; i++) {
            countRules[i] = new CountBegunAgain(samePlugIn, worldSpeed, mostKw(i), steps.of(compound.pile(i).id()));
        }
        this.beforeZero = new BeforeZero[compound.pileCount()];
        this.lastRead = new CountRead[compound.pileCount()];
        this.seen = new Instant[compound.pileCount()];
        this.lastEnded = new Instant[compound.pileCount()];
        this.lastEnd = new SessionEnd[compound.pileCount()];
        this.unheardLast = new boolean[compound.pileCount()];
        this.faults = new FaultSpells(compound.pileCount(), KEPT_THROUGH_FAULT);
        this.numbers = numbers;
    }

    /**
     * The sessions open when the gateway last stopped, at most one per pile, before the first {@link #update}; each is
     * decided on when its pile first reports, by {@link #samePlugIn()}.
     */
    public void carry(List<CarriedSession> sessions) {
        for (CarriedSession s : sessions) {
            if (open.containsKey(s.pileIndex()) || carried.putIfAbsent(s.pileIndex(), s) != null) {
                throw new IllegalArgumentException("session " + s.id() + " carried onto pile " + s.pileIndex()
                        + ", which has a session already");
            }
        }
    }

    /**
     * How the tracker tells a pile's word on a plug-in for a session's: {@link #SAME_PLUG_IN_TOLERANCE} and
     * {@link #BRIDGE_RESTARTED_WITHIN} in its world's time (a sped-up world's are longer: the roundings and restarts they
     * allow for take real seconds). The recorder judges by the same, so that a session's row ends as the tracker ends it.
     */
    public SamePlugIn samePlugIn() {
        return samePlugIn;
    }

    /**
     * The sessions plugged in now, given each pile's latest observation (piles not listed, or not heard from since
     * the gateway started, are unchanged).
     */
    public List<PluggedSession> update(List<PileObservation> piles) {
        return update(piles, Set.of());
    }

    /**
     * As {@link #update(List)}, the piles by index in {@code unheard} not heard in this cycle (offline, as the control
     * cycle judges it: {@code control.pileOfflineAfterMs}). A car that a pile not heard in the last update reports gone
     * left some time in its silence: its end is not seen ({@link SessionEnd.How#NOT_SEEN}, at its last sighting), unless
     * the pile says when it was unplugged. Decided here, once, for the store and the policy alike: until 2026-12-07 the
     * recorder judged it by the pile's reason, and the policy's departures by the room the cycle held for it, and a
     * pile heard but held for a meter reading was heard by one and not by the other (mend60c).
     */
    public List<PluggedSession> update(List<PileObservation> piles, Set<Integer> unheard) {
        List<PluggedSession> out = tracked(piles);
        for (int i = 0; i < unheardLast.length; i++) {
            unheardLast[i] = unheard.contains(i);
        }
        return out;
    }

    private List<PluggedSession> tracked(List<PileObservation> piles) {
        Tick now = ticker.now();
        for (PileObservation reported : piles) {
            if (!reported.reported()) {
                continue;
            }
            // Only a report read before the set has the unset clock's times: moved, it is a new one (kept off the
            // control path's every cycle).
            PileObservation p = clockSetBy == null || reported.readAt().isAfter(clockSetBy.to()) ? reported
                    : reported.movedBy(clockSetBy);
            CarriedSession before = carried.remove(p.pileIndex());
            // Where the pile says its car was plugged in, on the ticker: no step of the wall clock moves it.
            Tick plugIn = countRules[p.pileIndex()].began(p, readTick(p, now));
            if (before != null && p.faulted() && faults.keeps(p, readTick(p, now))) {
                // E or F says nothing of its car: decided on once its pile says B, C or A, or the spell lasts.
                carried.put(p.pileIndex(), before);
                continue;
            }
            boolean restarted = before != null && p.plugged() && restartedAfter(p, before.lastSeen());
            if (before != null && (restarted || sameCar(before, p))) {
                Open carriedOn;
                if (restarted) {
                    // Its bridge restarted with the car after the last sighting: all it counts is the car's since, added
                    // to what the session had delivered, as for a session kept on while the gateway runs.
                    carriedOn = new Open(before.id(), before.arrival(), 0, before.declared(), known(before.deliveredKWh()),
                            Double.NaN, null);
                } else {
                    // A pile that counts no energy reads 0 (PileObservation.energyKnown): nothing to count on from.
                    double energyAtStart = Double.isNaN(before.pileEnergyKWh()) || Double.isNaN(before.deliveredKWh())
                            ? p.sessionEnergyKWh() : before.pileEnergyKWh() - before.deliveredKWh();
                    carriedOn = new Open(before.id(), before.arrival(), energyAtStart, before.declared(), 0,
                            Double.isNaN(before.deliveredKWh()) ? Double.NaN : before.pileEnergyKWh(), null);
                }
                // Its first count since the restart is counted as every later one: left as the stored one, a count that
                // went back before the next status was judged against the count before the restart (read56e: 10 kWh
                // taken while the gateway was down lost at a bridge's restart, or a glitch's count back added twice).
                open.put(p.pileIndex(), p.energyKnown()
                        ? countedOn(carriedOn, p, now) : carriedOn);
                seen[p.pileIndex()] = p.readAt();
                // The report that decides it ends any spell of E or F seen since the restart: a later one is timed from
                // its own first report (until 2026-12-07 from the first spell's: read59j).
                faults.plugged(p.pileIndex(), plugIn);
                continue;
            }
            if (before != null) {
                // Its car left while the gateway was down: when the pile says it was unplugged, else at a time nobody
                // knows after its last sighting (the recorder closes its row as decided here). Read before the spell is
                // over: a bridge's lastSession ended at an E or F it said since the restart is no car seen leaving (until
                // 2026-12-07 the spell was cleared first, and that E taken for a departure seen: ends60).
                Optional<Instant> told = toldEnd(p, before.lastSeen());
                faults.over(p.pileIndex());
                departedUnseen.add(before);
                Instant end = StayEnd.of(before.arrival(), before.lastSeen(), told.orElse(before.lastSeen()));
                endedOnRecord(p.pileIndex(), end);
                ended.add(new SessionEnd(before.id(), p.pileIndex(), end,
                        told.isPresent() ? SessionEnd.How.TOLD : SessionEnd.How.NOT_SEEN));
            }
            Open current = open.get(p.pileIndex());
            if (current != null && p.plugged() && (pluggedInSince(p, seen[p.pileIndex()])
                    || faults.plugInMoved(p.pileIndex(), plugIn, countRules[p.pileIndex()]))
                    && !restartedWithTheCar(p, seen[p.pileIndex()])) {
                // The pile says its car was plugged in after this session was last seen (beyond the tolerance), or
                // after a spell of E or F began, later than the one it said before it (a bridge that ends its plug-in
                // at any): another car, or a count begun anew, whose session begins now. This one's car left then:
                // when the pile says it was unplugged, else unseen, ending at its last sighting with no report of its
                // pile that ended it (endOf says none). A bridge's lastSession ended within a spell of E or F is the
                // plug-in it ended there (one before 2026-12-07 ends it at any): no car seen leaving, so no end told, as
                // at a spell that lasted (until 2026-12-07 a departure seen, its stay learned: read59j); one ended
                // after the spell's last report is the car's unplug, told (until 2026-12-07 dropped too: ends60).
                open.remove(p.pileIndex());
                Optional<Instant> told = toldEnd(p);
                end(current, p.pileIndex(), told.orElse(seen[p.pileIndex()]),
                        told.isPresent() ? SessionEnd.How.TOLD : SessionEnd.How.NOT_SEEN);
                current = null;
            }
            if (p.plugged() && current == null) {
                Instant arrival = arrival(p);
                String id = compound.pile(p.pileIndex()).id() + "@" + arrival.getEpochSecond() + "-" + numbers.next();
                // A pile that says when its car was plugged in counts from that plug-in: all of it is the session's.
                double energyAtStart = p.pluggedAt().isPresent() ? 0.0 : p.sessionEnergyKWh();
                open.put(p.pileIndex(), new Open(id, arrival, energyAtStart, Declaration.NONE));
                seen[p.pileIndex()] = p.readAt();
            } else if (p.plugged()) {
                seen[p.pileIndex()] = p.readAt();
            }
            if (p.plugged()) {
                faults.plugged(p.pileIndex(), plugIn);
            }
            if (p.plugged() && p.energyKnown()) {
                open.computeIfPresent(p.pileIndex(), (pile, o) -> countedOn(o, p, now));
            } else if (current != null && p.faulted() && faults.keeps(p, readTick(p, now))) {
                // E or F, not for long: the session goes on, not seen plugged in (its last sighting stays), nor counted:
                // a count read in E or F is judged by the count the pile says once in B or C again, with the start it
                // says there (read59f: a Modbus register reading 0 only while faulted, then its count on, was taken for
                // a count begun again and counted twice; and an E or F status, which says no plug-in, lost the start
                // a bridge's next count is judged by).
            } else if (!p.plugged() && current != null) {
                // Told before the spell is over: an A after a short E or F whose bridge says its plug-in ended at the E
                // (one before 2026-12-07) is the car seen gone at the A, as a Modbus pile's, not unplugged at the E (the
                // car left some time in the spell; until 2026-12-07 the E's time was taken as the end told: ends60).
                Optional<Instant> told = toldEnd(p);
                faults.over(p.pileIndex());
                open.remove(p.pileIndex());
                // The pile's last stay, whatever an end on record says: while the clock is not set this end is on the
                // unset clock (1970), which the set moves, and a later end on record is on the real one, so only
                // earlier in fact. A spell of E or F that lasted says nothing of the car: no departure seen (endOf
                // says none, and the policy's habits learn none), the stay ending at its last sighting, as the
                // recorder closes its row (until 2026-12-07 a departure seen at the report that reached the bound). Nor
                // does an A from a pile not heard in the last cycle: the car left some time in its silence.
                boolean unseen = p.faulted() || unheardLast[p.pileIndex()];
                end(current, p.pileIndex(), told.orElse(unseen ? seen[p.pileIndex()] : p.readAt()),
                        told.isPresent() ? SessionEnd.How.TOLD : unseen ? SessionEnd.How.NOT_SEEN : SessionEnd.How.SEEN);
            }
        }
        List<PluggedSession> out = new ArrayList<>();
        for (PileObservation p : piles) {
            Open s = open.get(p.pileIndex());
            if (s != null) {
                // A pile that counts no energy says 0, which is no count: what its car took is not known (NaN). Else the
                // session's count as taken (Open.counting), not the pile's latest: one in E or F is not taken, and one
                // below it judged no count begun again (a torn read, a glitch, held by the driver) or within its rounding
                // is no less delivered (until 2026-12-07, sess61, a torn 2 kWh after 10 said 2 until the count was back,
                // 20 minutes while held, and the policy planned for 8 kWh the car had). That count goes with it, for
                // the session's row to store beside it (until 2026-12-07, mend61b, the row stored the pile's latest).
                double count = !p.energyKnown() ? Double.NaN
                        : Double.isNaN(s.lastCountKWh()) ? p.sessionEnergyKWh() : s.lastCountKWh();
                double delivered = Double.isNaN(count) ? Double.NaN : s.delivered(count);
                // A draw the pile did not say is not known to be nothing (PluggedSession.lastDrawKw NaN).
                out.add(new PluggedSession(s.id(), p.pileIndex(), s.arrival(), s.declared(), delivered,
                        p.drawKnown() ? p.powerKw() : Double.NaN, count));
            }
        }
        return out;
    }

    /**
     * The open session {@code s} on the pile ended, its departure {@code reported} (bounded by its arrival and last
     * sighting, {@link StayEnd}) known by {@code how}: decided here, once, for the policy, the store and upstream.
     */
    private void end(Open s, int pileIndex, Instant reported, SessionEnd.How how) {
        Instant at = StayEnd.of(s.arrival(), seen[pileIndex], reported);
        lastEnded[pileIndex] = at;
        lastEnd[pileIndex] = new SessionEnd(s.id(), pileIndex, at, how);
        ended.add(lastEnd[pileIndex]);
    }

    /**
     * Whether the car {@code p} reports plugged in is the one of {@code before}: the pile's counter has not gone back
     * (no margin below the stored count, {@link CountBegunAgain#storedCountGoesOn}), and the car was plugged in no
     * later than the session was last seen (within the tolerance) when the pile says when. A pile that counts no
     * energy (then or now) has no counter to go back.
     */
    private boolean sameCar(CarriedSession before, PileObservation p) {
        if (!p.plugged() || p.energyKnown() && !Double.isNaN(before.pileEnergyKWh())
                && !countRules[p.pileIndex()].storedCountGoesOn(p.sessionEnergyKWh(), before.pileEnergyKWh())) {
            return false;
        }
        return !pluggedInSince(p, before.lastSeen());
    }

    /**
     * Whether the pile's bridge says its car is the one it found plugged in at its start, and started after
     * {@code lastSeen} within {@link SamePlugIn#restartedWithin}: restarted with the session's car plugged in, it counts
     * from 0 at its start (as {@link SamePlugIn#countedAfterRestart} takes an ended session's).
     */
    private boolean restartedAfter(PileObservation p, Instant lastSeen) {
        return restartedWithTheCar(p, lastSeen) && p.pluggedAt().orElseThrow().isAfter(lastSeen);
    }

    /** {@code kwh}, or 0 when not known (NaN: a pile that counted no energy). */
    private static double known(double kwh) {
        return Double.isNaN(kwh) ? 0 : kwh;
    }

    /**
     * When the pile says the open session's car was unplugged ({@link SamePlugIn#endOf}, by its last sighting):
     * also after a silence of the pile, when the report that ends it is the first heard since.
     */
    private Optional<Instant> toldEnd(PileObservation p) {
        return toldEnd(p, seen[p.pileIndex()]);
    }

    /**
     * When {@code p} says the car last seen at {@code lastSeen} was unplugged; never in E or F, where a bridge's
     * {@code lastSession} is the plug-in it ended by a spell that lasted, no car seen leaving; nor an unplug the spell
     * the pile was in hides ({@link FaultSpells#hides}: where a bridge before 2026-12-07 ended its plug-in at the E).
     * Read before the spell is over.
     */
    private Optional<Instant> toldEnd(PileObservation p, Instant lastSeen) {
        return p.faulted() ? Optional.empty() : samePlugIn.endOf(p.lastSession(), lastSeen)
                .filter(at -> !faults.hides(p.pileIndex(), at, samePlugIn));
    }

    /** Whether the pile says its car was plugged in later than {@code lastSeen}, beyond the tolerance. */
    private boolean pluggedInSince(PileObservation p, Instant lastSeen) {
        return p.pluggedAt().map(at -> samePlugIn.laterThan(at, lastSeen)).orElse(false);
    }

    /**
     * Whether the pile says its car is the one it found plugged in at its start, and it started (its plug-in as it says
     * it) within {@link SamePlugIn#restartedWithin} of {@code lastSeen}: a bridge restarted with the car plugged in.
     */
    private boolean restartedWithTheCar(PileObservation p, Instant lastSeen) {
        return p.pluggedAtStart() && p.pluggedAt().map(at -> samePlugIn.restartedSoonAfter(at, lastSeen)).orElse(false);
    }

    /**
     * {@code o} counted on by {@code p}'s count ({@link Open#counting}), {@code now} on the ticker. A pile that does not
     * say when its count began (Modbus) whose count read 0, taken for a count begun again, and whose first count other
     * than 0 after it is its count before again, more than a count begun since could show
     * ({@link CountBegunAgain#misreadZero}, its register's step allowed), misread the 0: the session's counts are as
     * if it had not come, its declaration as it is now. Until 2026-12-07 (sess61) it was counted twice (12.1 kWh for a
     * car that took 6.1); from ends60 until mend60c any later count back near the one before was taken for such, and a
     * real count begun again lost all counted before it once it climbed past it (read60b): a real one never shows more
     * than it could have counted since the count before was last read, so only the first count after the 0 is judged.
     */
    private Open countedOn(Open o, PileObservation p, Tick now) {
        int i = p.pileIndex();
        Tick read = readTick(p, now);
        CountBegunAgain rule = countRules[i];
        Tick began = rule.began(p, read);
        double count = p.sessionEnergyKWh();
        BeforeZero zero = beforeZero[i] != null && beforeZero[i].open().id().equals(o.id()) && began == null
                ? beforeZero[i] : null;
        Open next = zero != null && count != 0 && rule.misreadZero(zero.open().lastCountKWh(), zero.readAt(), count, read)
                ? o.countsOf(zero.open()).counting(count, read, null, rule)
                : o.counting(count, read, began, rule);
        if (zero == null || count != 0) {
            // Only the first count after the 0 is judged: the 0 read again (a driver's poll slower than the cycle) waits.
            beforeZero[i] = null;
        }
        if (began == null && count == 0 && o.valueBegunAgain(count, read, rule)) {
            CountRead last = lastRead[i];
            beforeZero[i] = new BeforeZero(o, last != null && last.sessionId().equals(o.id()) ? last.at() : null);
        }
        if (next.lastCountKWh() == count) {
            lastRead[i] = new CountRead(o.id(), read);
        }
        return next;
    }

    /** When {@code p} was read, on the ticker: its age before {@code now}. */
    private static Tick readTick(PileObservation p, Tick now) {
        return new Tick(now.nanos() - p.age().toNanos());
    }

    /**
     * The most pile {@code pileIndex} can deliver: its rating, as its driver bounds its draw and count by
     * ({@link PileRating#mostKw}, at 300 V a phase). Until 2026-12-07 (sess61) its most current at the compound's phase
     * voltage (220 V), below the driver's: a car drawing more than that (at 250 V) whose pile's count began again
     * while it was not heard had that count taken for one gone back too far, and all counted before it was lost.
     */
    private double mostKw(int pileIndex) {
        return PileRating.of(compound.pile(pileIndex)).mostKw();
    }

    /**
     * The clock was set after it was not (docs/operations.md, "The clock"): the arrivals, declared departures and
     * ends its unset clock gave are moved by the step, so that the sessions go on with the real times.
     */
    public void restamp(ClockStep step) {
        open.replaceAll((pile, o) -> o.restamped(step));
        for (int i = 0; i < lastEnded.length; i++) {
            seen[i] = step.correct(seen[i]);
            lastEnded[i] = step.correct(lastEnded[i]);
            lastEnd[i] = lastEnd[i] == null ? null : lastEnd[i].restamped(step);
        }
        ended.replaceAll(e -> e.restamped(step));
        faults.restamp(step);
        clockSetBy = step;
        clockUnset = false;
    }

    /**
     * The clock is not set (again): the step of its last set no longer corrects what the piles report, and the next set
     * is another step. Called before {@link #update} in every cycle that finds it so.
     */
    public void clockNotSet() {
        clockSetBy = null;
        clockUnset = true;
    }

    /**
     * The pile's last session on record ended at {@code departure} (before the gateway started): no session on it is
     * taken to have arrived before. Called before the first {@link #update}.
     */
    public void endedOnRecord(int pileIndex, Instant departure) {
        if (lastEnded[pileIndex] == null || departure.isAfter(lastEnded[pileIndex])) {
            lastEnded[pileIndex] = departure;
        }
    }

    /**
     * A new session's arrival: when its pile says the car was plugged in, but not after the reading (a pile's clock
     * running fast) nor more than {@link #LONGEST_REPORTED_STAY} before it (a pile's count gone wrong); the reading's
     * time when the pile does not say (a Modbus pile, an older bridge). Never before the pile's previous session
     * ended, even when that is after the reading (the wall clock stepped back since): two stays on one pile do not
     * overlap. While the clock is not set, an end later than the reading is on another clock (the real one, on
     * record at start): the reading's time stands, which the set moves.
     */
    private Instant arrival(PileObservation p) {
        Instant arrival = p.pluggedAt().filter(at -> at.isBefore(p.readAt())).orElse(p.readAt());
        Instant earliest = p.readAt().minus(LONGEST_REPORTED_STAY);
        if (arrival.isBefore(earliest)) {
            arrival = earliest;
        }
        Instant ended = lastEnded[p.pileIndex()];
        if (ended == null || !arrival.isBefore(ended)) {
            return arrival;
        }
        return clockUnset && ended.isAfter(p.readAt()) ? p.readAt() : ended;
    }

    /**
     * When the session {@code sessionId} on the pile ended, if it was the last to end on it while running: when its pile
     * reported the car gone, never before it arrived or was last seen plugged in (its row's departure), moved by a set
     * of the clock as the pile's other times are. Null when no report of its pile has ended it.
     */
    Instant endOf(int pileIndex, String sessionId) {
        SessionEnd end = lastEnd[pileIndex];
        return end != null && end.sessionId().equals(sessionId) && end.how() != SessionEnd.How.NOT_SEEN ? end.at() : null;
    }

    /**
     * Whether {@link #endOf} the session is when its pile says its car was unplugged (a firmware-bridge's
     * {@code lastSession}): known even when the pile was not heard as the car left.
     */
    boolean endTold(int pileIndex, String sessionId) {
        SessionEnd end = lastEnd[pileIndex];
        return end != null && end.sessionId().equals(sessionId) && end.how() == SessionEnd.How.TOLD;
    }

    /**
     * How each session that ended since the last call ended, each once, as decided here: those open while running and
     * the carried ones found {@linkplain #takeDepartedUnseen departed while the gateway was down}.
     */
    public List<SessionEnd> takeEnded() {
        return drained(ended);
    }

    /** What {@code pending} holds, emptied: each once; a cycle with none allocates nothing. */
    private static <T> List<T> drained(List<T> pending) {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<T> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    /**
     * The carried sessions found to have ended while the gateway was down since the last call, each once: not seen
     * leaving by the gateway, though their pile may say when they did ({@link #takeEnded} says how each ended).
     */
    public List<CarriedSession> takeDepartedUnseen() {
        return drained(departedUnseen);
    }

    /** What is declared for each open session, by session id. */
    public Map<String, Declaration> declarations() {
        Map<String, Declaration> out = new HashMap<>();
        for (Open s : open.values()) {
            out.put(s.id(), s.declared());
        }
        return out;
    }

    /** The id of the session open on pile {@code pileIndex}, if any. */
    public Optional<String> openOn(int pileIndex) {
        return Optional.ofNullable(open.get(pileIndex)).map(Open::id);
    }

    /** Records what a resident (or the property manager) declared for the session on this pile. */
    public boolean declare(int pileIndex, Declaration declared) {
        Open s = open.get(pileIndex);
        if (s == null) {
            return false;
        }
        open.put(pileIndex, s.declaring(declared));
        return true;
    }
}
