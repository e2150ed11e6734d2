package org.orderly.gateway.app.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The Modbus unit ids taken on each bus, by meters and by piles alike: a pile on a meter's unit id would have its
 * limit written into the meter's registers and the meter's registers read as its status. Also who uses each bus, in the
 * order read, for {@link SerialMasters}.
 */
final class UnitIds {
    private record Taken(Node at, String by) {
    }

    /** A device on a bus: {@code at} is its {@code bus} value, {@code by} names it, {@code pile} when it is a pile. */
    record User(String bus, Node at, String by, boolean pile) {
    }

    private final Map<String, Taken> taken = new HashMap<>();
    private final List<User> users = new ArrayList<>();

    /** Notes that the device {@code by} (its unit taken) uses {@code bus}, named at {@code at}. */
    void uses(String bus, Node at, String by, boolean pile) {
        users.add(new User(bus, at, by, pile));
    }

    List<User> users() {
        return List.copyOf(users);
    }

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
