package org.orderly.gateway.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orderly.gateway.app.live.CarriedSession;
import org.orderly.gateway.core.model.Compound;
import org.orderly.gateway.core.session.Declaration;
import org.orderly.gateway.store.SessionRecord;
import org.orderly.gateway.store.StoreReader;

/**
 * The sessions the store holds as open when the gateway starts, those open when it stopped (a crash, a power cut or a
 * restart for an upgrade): per pile, the newest may go on if its car is still there, which its pile's first report
 * decides ({@link org.orderly.gateway.app.live.SessionTracker}); the others cannot have gone on and are closed at once.
 */
final class CarriedSessions {
    /**
     * @param carried one per pile, to be decided on by the pile's first report
     * @param ended   closed at start as departed unseen: the pile is no longer configured, a later session began on it,
     *                or the row was written by a gateway that kept nothing to tell its car by (before migration 5)
     */
    record Found(List<CarriedSession> carried, List<SessionRecord> ended) {
    }

    private CarriedSessions() {
    }

    static Found read(StoreReader reader, Compound compound) {
        Map<Integer, SessionRecord> newest = new HashMap<>();
        List<SessionRecord> ended = new ArrayList<>();
        Comparator<SessionRecord> order = Comparator.comparing(SessionRecord::arrival)
                .thenComparing(SessionRecord::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder()));
        for (SessionRecord s : reader.openSessions()) {
            int pile = compound.indexOf(s.pile());
            if (pile < 0) {
                ended.add(s);
                continue;
            }
            SessionRecord other = newest.get(pile);
            if (other == null || order.compare(s, other) > 0) {
                newest.put(pile, s);
                if (other != null) {
                    ended.add(other);
                }
            } else {
                ended.add(s);
            }
        }
        List<CarriedSession> carried = new ArrayList<>();
        for (Map.Entry<Integer, SessionRecord> e : newest.entrySet()) {
            SessionRecord s = e.getValue();
            // A row with a sighting but no counter is a pile's that counts no energy: it is told by its sighting alone.
            if (s.lastSeen() == null) {
                ended.add(s);
            } else {
                carried.add(new CarriedSession(s.id(), e.getKey(), s.arrival(),
                        new Declaration(s.declaredDeparture(), s.declaredKWh()), s.deliveredKWh(), s.pileEnergyKWh(),
                        s.lastSeen()));
            }
        }
        return new Found(carried, ended);
    }
}
