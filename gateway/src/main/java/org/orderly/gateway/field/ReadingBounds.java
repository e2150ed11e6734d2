package org.orderly.gateway.field;

import java.util.Locale;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.gateway.field.modbus.MeterQuantities;

/**
 * The most a meter's or a pile's reading can be and still measure something real, from what the configuration says the
 * transformer may carry and each pile may draw. A reading beyond its bound is a register map of the wrong type, scale
 * or word order, or a wrong CT ratio, never a load. One definition for the running gateway, which takes such a reading
 * as none ({@code app.live.ImpossibleReading} for the transformer meter,
 * {@link org.orderly.gateway.field.pile.PileRating} for a pile's draw, its own or its pile meter's), and for
 * commissioning ({@code orderly selftest}, which fails it): what selftest passes the gateway takes, and what the
 * gateway distrusts selftest fails.
 */
public final class ReadingBounds {
    /**
     * How many times what the transformer may carry a transformer meter's quantity must exceed to be impossible. A
     * transformer is overloaded for a while by a part of its rating (an evening peak of uncontrolled charging before
     * the gateway runs, or with the gateway stopped), never threefold: the gateway must go on taking a real overload as
     * the load it is, and distrusts only what no overload reaches.
     */
    public static final double TRANSFORMER_TIMES = 3;

    /**
     * The volts a pile's {@code maxA} is reckoned at, on each of its phases, for the most it can draw: above any
     * phase's voltage on a low-voltage supply (230 V + 10 % is 253 V; 220 V + 7 % is 235 V), with room for a car that
     * draws a little above its offer while it settles to it (IEC 61851 gives it seconds to).
     */
    public static final double MOST_PHASE_VOLTS = 300;

    /**
     * The least a pile's draw (its own, or its pile meter's total) can read and still measure something real, in kW: an
     * idle meter's noise below zero ({@link MeterQuantities#IDLE_NOISE_KW}): a pile's meter at no load reads a few W
     * either side of zero, and that is taken as it is (telemetry counts a draw below zero as 0). Below it power flows
     * out of the pile, which no pile does: a map of the wrong sign, type or word order, or a meter wired the wrong way
     * round. Selftest fails such a reading as the gateway distrusts it.
     */
    public static final double PILE_LEAST_KW = -MeterQuantities.IDLE_NOISE_KW;

    private ReadingBounds() {
    }

    /** The most a transformer meter's total ({@code power.total.kw}) can read, either side of zero, in kW. */
    public static double transformerTotalKw(Transformer transformer) {
        return TRANSFORMER_TIMES * transformer.limitKw();
    }

    /**
     * The most a phase's power ({@code power.a.kw} ..) can read, either side of zero, in kW: by its line's limit
     * ({@code phaseLimitA} at {@code phaseVoltageV}), or the whole {@code limitKw} where none is set (all of it on one
     * line).
     */
    public static double transformerPhaseKw(Transformer transformer) {
        return TRANSFORMER_TIMES * (transformer.hasPhaseLimit() ? transformer.phaseLimitKw() : transformer.limitKw());
    }

    /**
     * The most a phase's current ({@code current.a.a} ..) can read, either side of zero, in A: by {@code phaseLimitA},
     * or by {@code limitKw} at {@code phaseVoltageV} where none is set.
     */
    public static double transformerPhaseA(Transformer transformer) {
        return TRANSFORMER_TIMES * (transformer.hasPhaseLimit() ? transformer.phaseLimitA()
                : transformer.limitKw() * 1000 / transformer.phaseVoltageV());
    }

    /**
     * The most a pile of {@code maxAmps} on {@code phases} can draw, in kW: its current at {@link #MOST_PHASE_VOLTS} on
     * each.
     */
    public static double pileKw(double maxAmps, int phases) {
        return maxAmps * phases * MOST_PHASE_VOLTS / 1000;
    }

    /**
     * A reading as a line judging it against its bound says it, in plain digits with two decimals up to a million and
     * as Java writes it beyond ({@code 2.50}, {@code 163840.00}, {@code 1.0E9}): the one way for every such line, the
     * transformer meter's ({@code app.live.ImpossibleReading}), a pile meter's ({@code app.ImpossibleDraw}) and a
     * Modbus pile's own power ({@link org.orderly.gateway.field.pile.OwnDrawBound}).
     */
    public static String said(double v) {
        return Math.abs(v) < 1e6 ? String.format(Locale.ROOT, "%.2f", v) : Double.toString(v);
    }
}
