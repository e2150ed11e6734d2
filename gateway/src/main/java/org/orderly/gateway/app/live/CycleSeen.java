package org.orderly.gateway.app.live;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.orderly.gateway.core.policy.HouseholdFigure;
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
 * So are the reading taken as the present load ({@link #taken}), the households' load kept to ({@link #households}) and
 * which piles are charging ({@link #charging}): until later that day the telemetry said no reading or households while
 * the clock was not set, where the card showed the cycle's, and the card counted a pile given current as charging, the
 * telemetry one drawing.
 *
 * <p>{@code piles} are in compound order, pile {@code i}'s report at position {@code i} (as {@code FieldView} gives them,
 * and as the result's reasons are): a pile is found by its index, by one way ({@link #charging(int)}).
 */
public record CycleSeen(Instant at, TransformerReading transformer, List<PileObservation> piles, CycleResult result) {
    /** A pile drawing more than this, in kW, is charging (docs/upstream.md, {@code piles.charging}). */
    public static final double CHARGING_KW = 0.1;

    public CycleSeen {
        Objects.requireNonNull(at, "at");
        piles = List.copyOf(piles);
        for (int i = 0; i < piles.size(); i++) {
            if (piles.get(i).pileIndex() != i) {
                throw new IllegalArgumentException("pile " + piles.get(i).pileIndex() + "'s report at position " + i
                        + " of the cycle at " + at + ": each pile's report belongs at its index");
            }
        }
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

    /**
     * Whether {@code p}'s pile is charging: its {@link #drawKw} above {@link #CHARGING_KW}, what a car draws, not what
     * it is offered (a car given current may be full or not started, one given none may not follow its offer).
     */
    public boolean charging(PileObservation p) {
        return drawKw(p) > CHARGING_KW;
    }

    /** Whether pile {@code pileIndex} is {@link #charging}; false for a pile this cycle has no report of. */
    public boolean charging(int pileIndex) {
        return pileIndex >= 0 && pileIndex < piles.size() && charging(piles.get(pileIndex));
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

    /**
     * The reading the cycle took its households from, as the compound's present load ({@link
     * CycleResult#householdsFrom}); empty where it took none (stale, distrusted, below the piles, flowing back before its
     * hold). Whatever the mode: with the clock not set a fresh reading is taken as in normal mode.
     */
    public Optional<TransformerReading> taken() {
        return result.householdsFrom(transformer) ? Optional.of(transformer) : Optional.empty();
    }

    /**
     * The households' load the cycle kept to and whether it is a bound ({@link CycleResult#householdFigure}); empty where
     * it did not know it (no reading to trust: conservative mode, or the clock not set with such a reading).
     */
    public Optional<Households> households() {
        return transformer != null && Double.isFinite(result.baseKw())
                ? Optional.of(new Households(result.baseKw(), result.householdFigure() == HouseholdFigure.BOUND))
                : Optional.empty();
    }
}
