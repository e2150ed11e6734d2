package org.orderly.gateway.app.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orderly.gateway.app.config.ControlConfig;
import org.orderly.gateway.core.limit.Allocation;
import org.orderly.gateway.core.limit.Reservation;
import org.orderly.gateway.core.limit.SilentOffers;
import org.orderly.gateway.core.model.GridCap;
import org.orderly.gateway.core.model.LineLoads;
import org.orderly.gateway.core.policy.HouseholdFigure;
import org.orderly.gateway.core.policy.PileReason;

/**
 * A cycle's result as a test makes it, without running a cycle. What a test leaves unsaid is nothing to say: no
 * reason or cap, no plugged session or session ended unseen, no backflow, reservation, line loads, plan, limit of the
 * policy's or the installer's, impossible reading, silent offer, reading below the piles or line missing; every pile
 * offered its most were there room; the households measured where known ({@code baseKw} a number); each pile's draw in
 * the reading taken as its draw now; the reading judged by the default configuration's stale age.
 */
public final class CycleResultBuilder {
    private final Allocation allocation;
    private final ControlMode mode;
    private final double baseKw;
    private List<PileReason> reasons = List.of();
    private List<GridCap> caps = List.of();
    private Backflow backflow;
    private Reservation reserved = Reservation.NONE;
    private Optional<LineLoads> householdLines = Optional.empty();
    private Map<Integer, Double> mostNowA = Map.of();
    private double[] mayDrawA = new double[0];
    private ImpossibleReading impossible;
    private HouseholdFigure householdFigure;
    private SilentOffers silent = SilentOffers.NONE;
    private BelowPiles belowPiles;
    private MeterLines.Missing linesMissing;
    private double[] inTheReadingKw;
    private Duration staleAfter = ControlConfig.DEFAULT.staleAfter();

    private CycleResultBuilder(Allocation allocation, ControlMode mode, double baseKw) {
        this.allocation = allocation;
        this.mode = mode;
        this.baseKw = baseKw;
        this.householdFigure = Double.isNaN(baseKw) ? null : HouseholdFigure.MEASURED;
    }

    /** A result that offered {@code allocation} in {@code mode}, the households taken as {@code baseKw} (NaN: none). */
    public static CycleResultBuilder result(Allocation allocation, ControlMode mode, double baseKw) {
        return new CycleResultBuilder(allocation, mode, baseKw);
    }

    /** A result with nothing to say but its allocation, mode, households, reasons and caps. */
    public static CycleResult measured(Allocation allocation, ControlMode mode, double baseKw, List<PileReason> reasons,
                                       List<GridCap> caps) {
        return result(allocation, mode, baseKw).reasons(reasons).caps(caps).build();
    }

    public CycleResultBuilder reasons(List<PileReason> reasons) {
        this.reasons = reasons;
        return this;
    }

    public CycleResultBuilder caps(List<GridCap> caps) {
        this.caps = caps;
        return this;
    }

    public CycleResultBuilder backflow(Backflow backflow) {
        this.backflow = backflow;
        return this;
    }

    public CycleResultBuilder reserved(Reservation reserved) {
        this.reserved = reserved;
        return this;
    }

    public CycleResultBuilder householdLines(LineLoads householdLines) {
        this.householdLines = Optional.of(householdLines);
        return this;
    }

    public CycleResultBuilder mostNowA(Map<Integer, Double> mostNowA) {
        this.mostNowA = mostNowA;
        return this;
    }

    public CycleResultBuilder mayDrawA(double[] mayDrawA) {
        this.mayDrawA = mayDrawA;
        return this;
    }

    public CycleResultBuilder impossible(ImpossibleReading impossible) {
        this.impossible = impossible;
        return this;
    }

    /** How the households were known (null: not at all), where not as measured. */
    public CycleResultBuilder householdFigure(HouseholdFigure householdFigure) {
        this.householdFigure = householdFigure;
        return this;
    }

    public CycleResultBuilder silent(SilentOffers silent) {
        this.silent = silent;
        return this;
    }

    public CycleResultBuilder belowPiles(BelowPiles belowPiles) {
        this.belowPiles = belowPiles;
        return this;
    }

    public CycleResultBuilder linesMissing(MeterLines.Missing linesMissing) {
        this.linesMissing = linesMissing;
        return this;
    }

    /** What the reading held of each pile's draw, by index (unsaid: each pile's draw now). */
    public CycleResultBuilder inTheReadingKw(double[] inTheReadingKw) {
        this.inTheReadingKw = inTheReadingKw;
        return this;
    }

    /** The age the cycle judged its reading by (unsaid: the default configuration's). */
    public CycleResultBuilder staleAfter(Duration staleAfter) {
        this.staleAfter = staleAfter;
        return this;
    }

    public CycleResult build() {
        return new CycleResult(allocation, mode, baseKw, List.of(), reasons, caps, List.of(), List.of(), backflow, reserved,
                householdLines, null, null, mostNowA, mayDrawA, Map.of(), impossible, householdFigure, silent,
                belowPiles, linesMissing, inTheReadingKw, null, staleAfter);
    }
}
