package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import org.orderly.gateway.core.time.ClockStep;
import org.orderly.gateway.core.time.Tick;

/**
 * Per pile, the spell of E or F its open session is in ({@link PileObservation#faulted}): E or F says nothing of whether
 * the car is still there (IEC 61851-1: only A says none), so the session goes on through a spell shorter than
 * {@code keptFor}, on the ticker (real time, as a bridge measures its own: docs/architecture.md, "A pile in E or F").
 * It also keeps the plug-in the pile said before the spell, on the ticker as {@link CountBegunAgain#began} places it: a
 * pile that says another one begun after the spell's first report (a bridge before 2026-12-07, which ended its plug-in
 * at any E or F) counts a new car's session, whatever the spell's length. Placed by the wall clock (a reading's stamp
 * less its seconds), a status that came late, a step of NTP or the clock set between moved it and split one car's
 * session in two, its energy counted twice (until 2026-12-07: read59f).
 */
final class FaultSpells {
    private final Duration keptFor;
    /** Per pile, when its first report in E or F under the open session was read; null when not in such a spell. */
    private final Tick[] since;
    /** Per pile, the plug-in its last report in B or C said, on the ticker (null: none said). */
    private final Tick[] plugInBefore;
    /**
     * Per pile, when its first report in E or F under the spell was read, on the wall clock as a pile's word on an
     * unplug is ({@link #hides}); null when not in such a spell.
     */
    private final Instant[] firstReportAt;
    /** Per pile, when its latest report in E or F under the spell was read, on the wall clock; null as above. */
    private final Instant[] lastReportAt;

    FaultSpells(int pileCount, Duration keptFor) {
        this.keptFor = keptFor;
        this.since = new Tick[pileCount];
        this.plugInBefore = new Tick[pileCount];
        this.firstReportAt = new Instant[pileCount];
        this.lastReportAt = new Instant[pileCount];
    }

    /**
     * Pile {@code pileIndex} says its car plugged in, at {@code plugIn} on the ticker ({@link CountBegunAgain#began};
     * null: it does not say): any spell is over, and its plug-in is the one a spell keeps.
     */
    void plugged(int pileIndex, Tick plugIn) {
        since[pileIndex] = null;
        firstReportAt[pileIndex] = null;
        lastReportAt[pileIndex] = null;
        plugInBefore[pileIndex] = plugIn;
    }

    /**
     * {@code p}, read at {@code read}, says E or F under an open session (or one carried over a restart, not yet decided
     * on): whether the session goes on, the spell, begun at the first such report, shorter than {@code keptFor}.
     */
    boolean keeps(PileObservation p, Tick read) {
        int i = p.pileIndex();
        if (since[i] == null) {
            since[i] = read;
            firstReportAt[i] = p.readAt();
        }
        lastReportAt[i] = p.readAt();
        return read.since(since[i]).compareTo(keptFor) < 0;
    }

    /**
     * Whether pile {@code pileIndex}, in B or C after a spell, says a plug-in at {@code plugIn} (the ticker's) begun
     * again after the spell's first report by {@code rule} ({@link CountBegunAgain#begunAgain}): later than the one it
     * said before beyond the tolerance, and no earlier than that report less a late status's lateness. The pile began a
     * new count, its car another as far as it can tell.
     */
    boolean plugInMoved(int pileIndex, Tick plugIn, CountBegunAgain rule) {
        Tick before = plugInBefore[pileIndex];
        return since[pileIndex] != null && before != null && plugIn != null
                && rule.begunAgain(before, plugIn, since[pileIndex]);
    }

    /**
     * Whether the spell pile {@code pileIndex} is in hides an unplug its pile says at {@code unpluggedAt}: one within the
     * spell, from its first report in E or F to its latest, each within {@code samePlugIn}'s tolerance, is where a
     * bridge before 2026-12-07 ended its plug-in at the E or F, no car seen leaving (the car left some time after its
     * last sighting, in the spell). One later is the pile's own A after the spell (a bridge that keeps its plug-in
     * through E or F), and one earlier an A before it (the car unplugged while the pile was not heard, or the gateway
     * was down, and the E came after): the departure either way (until 2026-12-07 an unplug before the spell was
     * hidden too, no end told: mend60c). False when not in a spell. An older bridge whose E began while it was not
     * heard ended its plug-in before the spell's first report: that unplug is taken as told, the E's start, a bound
     * on the car's departure that no report tells from a newer bridge's A then E.
     */
    boolean hides(int pileIndex, Instant unpluggedAt, SamePlugIn samePlugIn) {
        Instant first = firstReportAt[pileIndex];
        Instant last = lastReportAt[pileIndex];
        return first != null && last != null && !samePlugIn.laterThan(unpluggedAt, last)
                && !samePlugIn.laterThan(first, unpluggedAt);
    }

    /** The pile's session ended (A, or a spell that lasted): no spell goes on. */
    void over(int pileIndex) {
        since[pileIndex] = null;
        firstReportAt[pileIndex] = null;
        lastReportAt[pileIndex] = null;
        plugInBefore[pileIndex] = null;
    }

    /** The clock was set: the spells' reports read before on the unset clock are moved by {@code step}. */
    void restamp(ClockStep step) {
        for (int i = 0; i < lastReportAt.length; i++) {
            firstReportAt[i] = step.correct(firstReportAt[i]);
            lastReportAt[i] = step.correct(lastReportAt[i]);
        }
    }
}
