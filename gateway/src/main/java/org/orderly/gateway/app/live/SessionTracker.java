package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.core.session.PluggedSession;

/**
 * Recognises sessions from pile states: a session starts when a pile reports a plugged vehicle and
 * ends when it reports none. Energy is counted from the pile's session meter at plug-in, so a pile
 * whose counter does not restart at zero is still counted right.
 *
 * <p>A session's id is {@code pileId@arrivalEpochSecond-number}. The pile and the wall-clock second are for people
 * reading it; the number, never given twice, is what makes it unique: the second alone repeats when NTP steps the
 * clock back, or when a car is plugged out and in within a second, and the store keeps one record per id.
 */
public final class SessionTracker {
    private record Open(String id, Instant arrival, double energyAtStart, Declaration declared) {
    }

    private final Compound compound;
    private final SessionNumbers numbers;
    private final Map<Integer, Open> open = new HashMap<>();

    public SessionTracker(Compound compound, SessionNumbers numbers) {
        this.compound = compound;
        this.numbers = numbers;
    }

    /** The sessions plugged in now, given each pile's latest observation (piles not listed are unchanged). */
    public List<PluggedSession> update(List<PileObservation> piles) {
        for (PileObservation p : piles) {
            Open current = open.get(p.pileIndex());
            if (p.plugged() && current == null) {
                String id = compound.pile(p.pileIndex()).id() + "@" + p.readAt().getEpochSecond() + "-" + numbers.next();
                open.put(p.pileIndex(), new Open(id, p.readAt(), p.sessionEnergyKWh(), Declaration.NONE));
            } else if (!p.plugged() && current != null) {
                open.remove(p.pileIndex());
            }
        }
        List<PluggedSession> out = new ArrayList<>();
        for (PileObservation p : piles) {
            Open s = open.get(p.pileIndex());
            if (s != null) {
                double delivered = Math.max(0, p.sessionEnergyKWh() - s.energyAtStart());
                out.add(new PluggedSession(s.id(), p.pileIndex(), s.arrival(), s.declared(), delivered, p.powerKw()));
            }
        }
        return out;
    }

    /** Records what a resident (or the property manager) declared for the session on this pile. */
    public boolean declare(int pileIndex, Declaration declared) {
        Open s = open.get(pileIndex);
        if (s == null) {
            return false;
        }
        open.put(pileIndex, new Open(s.id(), s.arrival(), s.energyAtStart(), declared));
        return true;
    }
}
