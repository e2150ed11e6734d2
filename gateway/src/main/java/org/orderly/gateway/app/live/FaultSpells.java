package org.orderly.gateway.app.live;

import java.time.Duration;
import java.time.Instant;
import org.orderly.gateway.core.time.Tick;

/**
 * Per pile, the spell of E or F its open session is in ({@link PileObservation#faulted}): E or F says nothing of whether
 * the car is still there (IEC 61851-1: only A says none), so the session goes on through a spell shorter than
 * {@code keptFor}, on the ticker (real time, as a bridge measures its own: docs/architecture.md, "A pile in E or F").
 * It also keeps the plug-in the pile said before the spell: a pile that says another one after it (a bridge before
 * 2026-12-07, which ended its plug-in at any E or F) counts a new car's session, whatever the spell's length.
 */
final class FaultSpells {
    private final Duration keptFor;
    /** Per pile, when its first report in E or F under the open session was read; null when not in such a spell. */
    private final Tick[] since;
    /** Per pile, the plug-in its last report in B or C said (null: none said). */
    private final Instant[] plugInBefore;

    FaultSpells(int pileCount, Duration keptFor) {
        this.keptFor = keptFor;
        this.since = new Tick[pileCount];
        this.plugInBefore = new Instant[pileCount];
    }

    /** {@code p} says its car plugged in: any spell is over, and its plug-in is the one a spell keeps. */
    void plugged(PileObservation p) {
        since[p.pileIndex()] = null;
        plugInBefore[p.pileIndex()] = p.pluggedAt().orElse(null);
    }

    /**
     * {@code p}, read at {@code read}, says E or F under an open session (or one carried over a restart, not yet decided
     * on): whether the session goes on, the spell, begun at the first such report, shorter than {@code keptFor}.
     */
    boolean keeps(PileObservation p, Tick read) {
        int i = p.pileIndex();
        if (since[i] == null) {
            since[i] = read;
        }
        return read.since(since[i]).compareTo(keptFor) < 0;
    }

    /**
     * Whether {@code p}, in B or C after a spell, says a plug-in later than the one before it beyond what
     * {@code same} tolerates: the pile began a new count, its car another as far as it can tell.
     */
    boolean plugInMoved(PileObservation p, SamePlugIn same) {
        int i = p.pileIndex();
        Instant before = plugInBefore[i];
        return since[i] != null && before != null && p.pluggedAt().map(at -> same.laterThan(at, before)).orElse(false);
    }

    /** The pile's session ended (A, or a spell that lasted): no spell goes on. */
    void over(int pileIndex) {
        since[pileIndex] = null;
        plugInBefore[pileIndex] = null;
    }
}
