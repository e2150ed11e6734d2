package org.orderly.tools.commission;

import java.util.Locale;
import java.util.Optional;
import org.orderly.gateway.app.config.PileConfig;
import org.orderly.gateway.field.pile.OwnDrawBound;
import org.orderly.gateway.field.pile.PileRating;

/**
 * What a pile's own reported draw may be: no more than the running gateway takes from a pile of its rating
 * ({@link PileRating#exceededBy}, the bound a firmware-bridge's {@code powerKw} is held to), and not below an idle
 * meter's noise ({@link PileRating#flowsBack}, which the gateway holds a Modbus pile's own power and a pile meter's
 * total to). A Modbus pile's map whose power register is read with the wrong word order, type or scale gives a draw
 * no pile has (2.5 kW read with its words swapped is 163840 kW), which the gateway takes as no draw at all
 * ({@link OwnDrawBound}): its draw not measured.
 */
final class PileDraw {
    private PileDraw() {
    }

    /** The sentence for a draw the pile cannot have, or empty; a draw not reported (NaN) is not judged. */
    static Optional<String> implausible(double kw, PileConfig pile, boolean modbusMap) {
        PileRating rating = pile.rating();
        String id = pile.pile().id();
        String why;
        if (PileRating.flowsBack(kw)) {
            why = "implausible: a pile draws power, it gives none back";
        } else if (rating.exceededBy(kw)) {
            why = rating.moreThan(id);
        } else {
            return Optional.empty();
        }
        String check = modbusMap
                ? OwnDrawBound.CHECK
                : "check the bridge's pile meter (its --meter-model, and the meter's wiring)";
        return Optional.of(String.format(Locale.ROOT, "power drawn %.2f kW is %s; %s", kw, why, check));
    }
}
