package org.orderly.tools.commission;

import java.util.Locale;
import java.util.Optional;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Pile;
import org.orderly.gateway.field.modbus.MeterQuantities;
import org.orderly.text.AsWritten;

/**
 * What a pile's own reported draw may be: no more than its {@code maxA} allows, and not below an idle meter's noise.
 * A Modbus pile's map whose power register is read with the wrong word order, type or scale gives a draw no pile has
 * (2.5 kW read with its words swapped is 163840 kW), which the gateway would take as the car's draw.
 */
final class PileDraw {
    /** A car may draw a little above its offer (IEC 61851 lets it settle), at a supply above its nominal voltage. */
    private static final double MARGIN = 1.25;

    private PileDraw() {
    }

    /** The sentence for a draw the pile cannot have, or empty; a draw not reported (NaN) is not judged. */
    static Optional<String> implausible(double kw, Pile pile, double phaseVoltageV, boolean modbusMap) {
        double mostKw = pile.maxCurrentA() * pile.phase().kwPerAmp(phaseVoltageV);
        if (Double.isNaN(kw) || kw >= -MeterQuantities.IDLE_NOISE_KW && kw <= mostKw * MARGIN + MeterQuantities.IDLE_NOISE_KW) {
            return Optional.empty();
        }
        String check = modbusMap
                ? "check the word order (order: big or little), type and scale of its map's power.total.kw against the "
                        + "pile's Modbus table"
                : "check the bridge's pile meter (its --meter-model, and the meter's wiring)";
        return Optional.of(String.format(Locale.ROOT, "power drawn %.2f kW is implausible: pile %s draws at most %.2f kW "
                + "(maxA %s A x %s V%s); %s", kw, pile.id(), mostKw, AsWritten.number(pile.maxCurrentA()),
                AsWritten.number(phaseVoltageV), pile.phase() == Phase.ABC ? " x 3 phases" : "", check));
    }
}
