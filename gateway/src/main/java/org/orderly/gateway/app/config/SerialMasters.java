package org.orderly.gateway.app.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.orderly.gateway.field.modbus.BusEndpoint;

/**
 * A Modbus pile's driver opens its own j2mod master on its bus's port, as the bus's meter poller does: on a serial bus
 * that also carries a meter or another pile, that is two masters on one RS-485 port, which cannot work (each takes the
 * port, their frames collide). Until a shared per-bus queue exists, such a pile is refused at its {@code bus}. Over
 * Modbus TCP each master has its own connection, as a Modbus TCP gateway expects, so TCP buses are not looked at.
 */
final class SerialMasters {
    private SerialMasters() {
    }

    static void check(List<BusConfig> buses, List<UnitIds.User> users, Problems problems) {
        Set<String> seen = new HashSet<>();
        for (BusConfig bus : buses) {
            // A bus name given twice is a problem of its own; its devices are the first bus's.
            if (!seen.add(bus.name()) || !(bus.endpoint() instanceof BusEndpoint.Serial)) {
                continue;
            }
            List<UnitIds.User> on = users.stream().filter(u -> u.bus().equals(bus.name())).toList();
            for (UnitIds.User pile : on) {
                if (!pile.pile()) {
                    continue;
                }
                on.stream().filter(u -> u != pile).findFirst().ifPresent(other -> problems.at(pile.at(), pile.by()
                        + " is driven over Modbus on serial bus '" + bus.name() + "', which " + other.by() + " (line "
                        + (other.at().getStartMark().getLine() + 1) + ") also uses: the pile's driver and "
                        + (other.pile() ? "the other pile's driver" : "the bus's meter poller") + " would be two masters on "
                        + "one RS-485 port, and no shared queue exists yet; give the pile a bus of its own (a serial adapter "
                        + "of its own) or reach it over Modbus TCP"));
            }
        }
    }
}
