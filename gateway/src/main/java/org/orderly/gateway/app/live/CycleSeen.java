package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.orderly.gateway.core.policy.PileReason;

/**
 * One control cycle as a whole: the instant it ran at, what the field showed it (the transformer reading, null when
 * there was none, and each pile's report) and what it decided. Published as one value, so that a reader (the page's
 * card) shows the transformer's load, the EV load and the households' load from one instant: the households are this
 * reading less these piles' draws, and beside a newer reading (a car started, the households' load changed since) they
 * can be more than the whole transformer. The upstream telemetry's sampler is handed the same value, the very one: the
 * control loop makes it once per cycle and hands it to its recorder, its observers and the upstream link alike.
 *
 * <p>What the EV load counts of each pile is said here once ({@link #drawKw}, {@link #evLoad}) for the card, the
 * telemetry and the recorded minutes. Until 2026-12-07 the card and the telemetry each summed it by their own rules: a
 * pile not heard from yet was left out of the card's and counted in the telemetry's, and a draw that is no number was 0
 * on the card and made the telemetry's {@code evKw} and {@code flex.addKw} no number (CardAndTelemetryLoadsTest).
 */
public record CycleSeen(Instant at, TransformerReading transformer, List<PileObservation> piles, CycleResult result) {

    public CycleSeen {
        Objects.requireNonNull(at, "at");
        piles = List.copyOf(piles);
        Objects.requireNonNull(result, "result");
    }

    /** Whether the cycle found {@code p}'s pile offline ({@link PileReason#PILE_OFFLINE}): its last report is not now. */
    public boolean offline(PileObservation p) {
        List<PileReason> reasons = result.reasons();
        return p.pileIndex() < reasons.size() && reasons.get(p.pileIndex()) == PileReason.PILE_OFFLINE;
    }

    /**
     * Whether {@code p}'s pile was heard from and is not offline: only such a report says what the pile does now. A pile
     * not heard from since the start says nothing (it counts as unplugged and drawing nothing); an offline one's last
     * report is not now, and the cycle counts its draw as the households'.
     */
    public boolean heard(PileObservation p) {
        return p.reported() && !offline(p);
    }

    /**
     * What the EV load counts {@code p}'s pile drawing: its reported draw, never below 0, where it was {@link #heard};
     * else nothing. A draw that is no number (or infinite) is no draw to sum: counted as 0, as the field gives it
     * ({@code FieldView}), never carried into a sum that is sent or shown.
     */
    public double drawKw(PileObservation p) {
        return heard(p) && Double.isFinite(p.powerKw()) ? Math.max(0, p.powerKw()) : 0;
    }

    /** The EV load of this cycle: {@link #drawKw} summed, and the part of it no pile measured. */
    public EvLoad evLoad() {
        double kw = 0;
        double unmeasuredKw = 0;
        for (PileObservation p : piles) {
            double drew = drawKw(p);
            kw += drew;
            unmeasuredKw += p.drawKnown() ? 0 : drew;
        }
        return new EvLoad(kw, unmeasuredKw);
    }
}
