package org.orderly.tools.commission;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.orderly.gateway.field.modbus.FieldReadException;
import org.orderly.gateway.field.modbus.ModbusLink;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.gateway.field.modbus.WordOrder;

/**
 * What a scan says of a unit that answers but fits no map as the map is written: whether one fits with the word order
 * of its 32-bit values swapped (a meter of that model sending the low word first, or set so), and what the installer's
 * copy of the map then says. Without it the scan said "no shipped map fits", and only a {@code modbus read} with the
 * map, its voltages read as nonsense, told an installer it was the word order.
 */
final class WordsSwapped {
    private WordsSwapped() {
    }

    /**
     * The line saying which maps fit with their words swapped, or "" when none does (or a map's probes are all 16-bit,
     * which no word order changes).
     */
    static String fit(ModbusLink link, int unit, Map<String, RegisterMap> maps, Duration answered)
            throws InterruptedException {
        List<MeterModels.Match> matches = new ArrayList<>();
        for (Map.Entry<String, RegisterMap> e : maps.entrySet()) {
            List<RegisterPoint> probes = MeterModels.probes(e.getValue());
            if (probes.isEmpty() || probes.stream().allMatch(p -> p.type().words() == 1)) {
                continue;
            }
            Map<String, Double> values;
            try {
                values = MeterModels.readProbes(link, unit, probes.stream().map(WordsSwapped::swapped).toList(), answered);
            } catch (FieldReadException lineLost) {
                // the unit answered before; the line lost now is said by the next unit's probe, not by this advice
                return "";
            }
            if (values != null) {
                matches.add(new MeterModels.Match(e.getKey(), e.getValue().model(), values));
            }
        }
        List<MeterModels.Match> best = MeterModels.best(matches);
        if (best.isEmpty()) {
            return "";
        }
        MeterModels.Match m = best.get(0);
        String seen = ModbusScanCommand.describe(m.probes());
        boolean allBig = MeterModels.probes(maps.get(m.map())).stream().allMatch(p -> p.order() == WordOrder.BIG);
        return "answers, but no map fits as written; " + best.stream().map(b -> b.map() + " (" + b.model() + ")")
                .collect(Collectors.joining(" or ")) + " fits with its word order swapped (" + seen + "): copy "
                + m.map() + ".yaml to a map of your own in the devices directory with "
                + (allBig ? "order: little in its defaults" : "each order swapped (big and little)")
                + " (docs/register-maps.md) and give the meter that map";
    }

    private static RegisterPoint swapped(RegisterPoint p) {
        WordOrder other = p.order() == WordOrder.BIG ? WordOrder.LITTLE : WordOrder.BIG;
        return new RegisterPoint(p.quantity(), p.address(), p.function(), p.type(), other, p.scale(), p.line(), p.column());
    }
}
