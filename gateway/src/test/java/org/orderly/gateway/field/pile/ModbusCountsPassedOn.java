package org.orderly.gateway.field.pile;

import java.util.Optional;
import org.orderly.gateway.core.time.Tick;

/**
 * What a Modbus pile's driver passes on of the counts its pile's map reads, for tests outside this package that follow a
 * count along the path it takes (the driver's {@link SessionEnergyBound}, then the session tracker): a count the bound
 * takes, else the last one taken ({@code ModbusPileDriver.energyTaken}).
 */
public final class ModbusCountsPassedOn {
    private final SessionEnergyBound bound;
    private double taken = Double.NaN;

    /** Of pile {@code pileId}, rated {@code rating}, whose count moves in Wh (a bridge's rounding, no coarser step). */
    public ModbusCountsPassedOn(String pileId, PileRating rating) {
        this(pileId, rating, 0);
    }

    /** Of pile {@code pileId}, rated {@code rating}, whose register counts in steps of {@code stepKwh} (its scale). */
    public ModbusCountsPassedOn(String pileId, PileRating rating, double stepKwh) {
        this.bound = new SessionEnergyBound(pileId, Optional.of(rating), stepKwh, PileWorldSpeed.REAL);
    }

    /** The count passed on when the pile's map reads {@code kwh} at {@code tick}. */
    public double read(double kwh, Tick tick) {
        if (bound.refusal(kwh, tick).isEmpty()) {
            taken = kwh;
        }
        return taken;
    }
}
