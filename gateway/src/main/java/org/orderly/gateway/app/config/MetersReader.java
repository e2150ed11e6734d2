package org.orderly.gateway.app.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** {@code meters:}: the transformer meter and, optionally, one meter per pile; all on Modbus buses. */
final class MetersReader {
    static final List<String> KEYS = List.of("transformer", "piles");
    private static final List<String> TRANSFORMER_KEYS = List.of("bus", "unit", "map");
    private static final List<String> PILE_KEYS = List.of("pile", "bus", "unit", "map");

    private final Problems problems;
    private final Refs buses;
    private final Refs piles;
    private final DeviceMaps maps;
    private final Map<String, Node> addresses = new HashMap<>();
    private final Refs pileMetered = new Refs("pile meter for pile");
    MeterConfig transformer;
    final List<MeterConfig> pileMeters = new ArrayList<>();

    MetersReader(Problems problems, Refs buses, Refs piles, DeviceMaps maps) {
        this.problems = problems;
        this.buses = buses;
        this.piles = piles;
        this.maps = maps;
    }

    void read(Section m) {
        Section t = m.section("transformer", TRANSFORMER_KEYS, true,
                "the transformer meter is required: transformer: {bus, unit, map}; without it the gateway can only run conservative");
        if (t != null) {
            transformer = meter(t, "transformer", null);
        }
        List<Node> items = m.list("piles", false, "");
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                Section p = Section.of(items.get(i), "meters.piles[" + i + "]", PILE_KEYS, problems);
                String pile = p.text("pile", null, "the id of the pile this meter measures");
                if (pile != null) {
                    piles.require(pile, p.value("pile"), p.path(), problems);
                    pileMetered.declare(pile, p.value("pile"), problems);
                }
                MeterConfig meter = meter(p, "pile-" + pile, pile);
                if (meter != null && pile != null) {
                    pileMeters.add(meter);
                }
            }
        }
    }

    private MeterConfig meter(Section s, String id, String pile) {
        String bus = s.text("bus", null, "the name of a bus under buses:");
        Integer unit = s.integer("unit", "", null, 1, 247, "the meter's Modbus unit (slave) id, 1..247; 0 is broadcast");
        String map = s.text("map", null, "a register map in the devices directory, e.g. chint-dtsu666");
        buses.require(bus, s.value("bus"), s.path(), problems);
        if (map != null && !maps.has(map)) {
            problems.at(s.value("map"), maps.unknown(map));
            map = null;
        }
        if (bus != null && unit != null) {
            Node first = addresses.putIfAbsent(bus + "#" + unit, s.value("unit"));
            if (first != null) {
                problems.at(s.value("unit"), "unit " + unit + " on bus '" + bus + "' is already used at line "
                        + (first.getStartMark().getLine() + 1) + "; each meter on a bus needs its own unit id");
                unit = null;
            }
        }
        return bus == null || unit == null || map == null ? null : new MeterConfig(id, pile, bus, unit, map);
    }
}
