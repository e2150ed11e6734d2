package org.orderly.gateway.app.config;

import java.util.List;
import java.util.Locale;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.text.AsWritten;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A transformer whose {@code limitKw} is below the least power of a pile, or whose {@code phaseLimitA} is below a
 * pile's least current: that pile could never charge (a limit written in MW, a line's current in kA), and nothing at
 * run time would say why. Each reported once, at its value, naming the first such pile in the file; as
 * {@link CircuitRoom} does for circuits.
 */
final class TransformerRoom {
    private TransformerRoom() {
    }

    static void check(Transformer transformer, Node limitNode, Node phaseLimitNode, List<PileConfig> piles, Problems problems) {
        if (transformer == null) {
            return;
        }
        double volts = transformer.phaseVoltageV();
        piles.stream().filter(pc -> leastKw(pc, volts) > transformer.limitKw()).findFirst().ifPresent(pc ->
                problems.at(limitNode, String.format(Locale.ROOT, "'limitKw' of the transformer is %s kW, less than pile '%s' "
                        + "needs to charge at all (%s A x %s V%s = %.2f kW); give the total load the transformer may carry, "
                        + "e.g. 630", AsWritten.number(transformer.limitKw()), pc.pile().id(),
                        AsWritten.number(pc.pile().minCurrentA()), AsWritten.number(volts),
                        pc.pile().phase() == Phase.ABC ? " x 3 phases" : "", leastKw(pc, volts))));
        if (!transformer.hasPhaseLimit()) {
            return;
        }
        piles.stream().filter(pc -> pc.pile().minCurrentA() > transformer.phaseLimitA()).findFirst().ifPresent(pc ->
                problems.at(phaseLimitNode, "'phaseLimitA' of the transformer is " + AsWritten.number(transformer.phaseLimitA())
                        + " A, less than pile '" + pc.pile().id() + "' needs to charge at all (" + AsWritten.number(pc.pile().minCurrentA())
                        + " A " + (pc.pile().phase() == Phase.ABC ? "on each phase" : "on phase " + pc.pile().phase())
                        + "); give the current each low-voltage line may carry, e.g. 900 for 630 kVA at 230 V"));
    }

    private static double leastKw(PileConfig pc, double volts) {
        return pc.pile().minCurrentA() * pc.pile().phase().kwPerAmp(volts);
    }

}
