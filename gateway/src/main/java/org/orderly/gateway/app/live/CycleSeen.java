package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One control cycle as a whole: the instant it ran at, what the field showed it (the transformer reading, null when
 * there was none, and each pile's report) and what it decided. Published as one value, so that a reader (the page's
 * card) shows the transformer's load, the EV load and the households' load from one instant: the households are this
 * reading less these piles' draws, and beside a newer reading (a car started, the households' load changed since) they
 * can be more than the whole transformer. The upstream telemetry's sampler is handed the same value.
 */
public record CycleSeen(Instant at, TransformerReading transformer, List<PileObservation> piles, CycleResult result) {

    public CycleSeen {
        Objects.requireNonNull(at, "at");
        piles = List.copyOf(piles);
        Objects.requireNonNull(result, "result");
    }
}
