package org.orderly.gateway.upstream.telemetry;

import java.time.Instant;
import java.util.List;
import org.orderly.gateway.app.live.CycleResult;
import org.orderly.gateway.app.live.PileObservation;
import org.orderly.gateway.app.live.TransformerReading;

/** What one control cycle saw and decided, as handed over by the control thread (immutable, shared as a whole). */
public record CycleSeen(Instant at, TransformerReading transformer, List<PileObservation> piles, CycleResult result) {
    public CycleSeen {
        piles = List.copyOf(piles);
    }
}
