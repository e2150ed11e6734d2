package org.orderly.gateway.app.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.orderly.gateway.core.model.Circuit;
import org.orderly.gateway.core.model.Phase;
import org.orderly.gateway.core.model.Transformer;
import org.orderly.text.AsWritten;
import org.yaml.snakeyaml.nodes.Node;

/**
 * While the gateway is stopped every pile falls back on its own, nothing coordinating them: a bridge or a Modbus pile
 * with a fallback register to its safe current, one with a fallback of its own or none at all to what it may hold, its
 * maxA. Where those add up to more than a circuit's {@code limitKw}, a line's {@code phaseLimitA} or the transformer's
 * {@code limitKw}, that is a warning at the limit, not an error: a compound may accept it knowingly (its breakers, the
 * households' own load).
 */
final class FallbackRoom {
    private static final String[] LINES = {"A", "B", "C"};

    private FallbackRoom() {
    }

    /** A pile's current once its lease lapses, and why that current when it is not one the gateway gave it. */
    private record Held(PileConfig pile, double amps, String why) {
        static Held of(PileConfig pc) {
            if (pc.driver() instanceof PileDriver.Modbus m) {
                return switch (m.lapse()) {
                    case SAFE_AMPS -> new Held(pc, m.safeAmps(), "");
                    case OWN_CURRENT -> new Held(pc, pc.pile().maxCurrentA(), " at its maxA: it falls back to a current of its own");
                    case KEEPS_LAST_LIMIT -> new Held(pc, pc.pile().maxCurrentA(), " at its maxA: it keeps its last limit");
                };
            }
            return new Held(pc, ((PileDriver.Coap) pc.driver()).safeAmps(), "");
        }

        String id() {
            return pile.pile().id();
        }

        Phase phase() {
            return pile.pile().phase();
        }
    }

    static void check(Transformer transformer, Node limitNode, Node phaseLimitNode, List<Circuit> circuits,
            Map<String, Node> circuitLimitNodes, List<PileConfig> piles, Problems warnings) {
        if (transformer == null) {
            return;
        }
        double volts = transformer.phaseVoltageV();
        List<Held> held = piles.stream().map(Held::of).toList();
        power(held, transformer.limitKw(), volts).ifPresent(sum -> warnings.at(limitNode, "'limitKw' of the transformer is "
                + AsWritten.number(transformer.limitKw()) + " kW, but with the gateway stopped its piles fall back to " + sum
                + sizing(transformer.limitKw(), volts)));
        if (transformer.hasPhaseLimit()) {
            for (int line = 0; line < LINES.length; line++) {
                String name = LINES[line];
                List<Held> on = held.stream().filter(h -> h.phase() == Phase.ABC || h.phase().name().equals(name)).toList();
                double amps = on.stream().mapToDouble(Held::amps).sum();
                if (amps > transformer.phaseLimitA() + 1e-9) {
                    List<String> each = on.stream().map(h -> h.id() + " " + AsWritten.number(h.amps()) + " A" + h.why()).toList();
                    warnings.at(phaseLimitNode, "'phaseLimitA' of the transformer is " + AsWritten.number(transformer.phaseLimitA())
                            + " A, but with the gateway stopped the piles on line " + name + " fall back to " + AsWritten.number(amps)
                            + " A in all (" + String.join(", ", each) + "), nothing coordinating them; size their safeAmps "
                            + "so that they add up to at most " + AsWritten.number(transformer.phaseLimitA()) + " A on each line, or "
                            + "accept it knowingly");
                }
            }
        }
        Map<String, Circuit> byId = new HashMap<>();
        circuits.forEach(c -> byId.put(c.id(), c));
        for (Circuit c : circuits) {
            List<Held> under = held.stream().filter(under(c.id(), byId)).toList();
            power(under, c.limitKw(), volts).ifPresent(sum -> warnings.at(circuitLimitNodes.get(c.id()),
                    "'limitKw' of circuit '" + c.id() + "' is " + AsWritten.number(c.limitKw())
                            + " kW, but with the gateway stopped the piles under it fall back to " + sum
                            + sizing(c.limitKw(), volts)));
        }
    }

    /** "10.58 kW in all (p1 ...), nothing coordinating them; " when {@code held} add up to more than {@code limitKw}. */
    private static Optional<String> power(List<Held> held, double limitKw, double volts) {
        double kw = held.stream().mapToDouble(h -> h.amps() * h.phase().kwPerAmp(volts)).sum();
        if (!(kw > limitKw + 1e-9)) {
            return Optional.empty();
        }
        List<String> each = new ArrayList<>();
        for (Held h : held) {
            each.add(String.format(Locale.ROOT, "%s %s A x %s V%s = %.2f kW%s", h.id(), AsWritten.number(h.amps()), AsWritten.number(volts),
                    h.phase() == Phase.ABC ? " x 3 phases" : "", h.amps() * h.phase().kwPerAmp(volts), h.why()));
        }
        return Optional.of(String.format(Locale.ROOT, "%.2f kW in all (%s), nothing coordinating them; ", kw,
                String.join(", ", each)));
    }

    private static String sizing(double limitKw, double volts) {
        return "size their safeAmps so that the sum of safeAmps x " + AsWritten.number(volts)
                + " V (x 3 for a three-phase pile) is at most " + AsWritten.number(limitKw)
                + " kW, or accept it knowingly";
    }

    /** The piles on circuit {@code id} or on a circuit under it. */
    private static Predicate<Held> under(String id, Map<String, Circuit> byId) {
        return h -> {
            Set<String> seen = new HashSet<>();
            for (Circuit c = byId.get(h.pile().pile().circuitId()); c != null && seen.add(c.id()); c = byId.get(c.parentId())) {
                if (c.id().equals(id)) {
                    return true;
                }
            }
            return false;
        };
    }

}
