package org.orderly.gateway.app.config;

import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The Modbus unit ids taken on each bus, by meters and by piles alike: a pile on a meter's unit id would have its
 * limit written into the meter's registers and the meter's registers read as its status. Devices with unit ids of their
 * own share a bus: on a serial one, its poller runs every device's requests on the port's one master.
 */
final class UnitIds {
    private record Taken(Node at, String by) {
    }

    private final Map<String, Taken> taken = new HashMap<>();

    /**
     * Takes {@code unit} on {@code bus} for the device described by {@code by} (e.g. "pile 'p2'"); when another device
     * has it, reports that at {@code at} and returns false.
     */
    boolean take(String bus, int unit, Node at, String by, Problems problems) {
        Taken first = taken.putIfAbsent(bus + "#" + unit, new Taken(at, by));
        if (first == null) {
            return true;
        }
        problems.at(at, "unit " + unit + " on bus '" + bus + "' is already used at line " + (first.at().getStartMark().getLine() + 1)
                + " by " + first.by() + "; each device on a bus, meter or pile, needs its own unit id");
        return false;
    }
}
