package org.orderly.tools.commission;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.orderly.gateway.field.modbus.BusEndpoint;

/**
 * The units a serial scan found at each line setting it tried. On a real RS-485 adapter a meter answers only at its own
 * baud rate and parity; a port that does not apply the settings it is given (a pseudo-terminal, which carries bytes,
 * not bits on a line; a transparent converter that frames the line at its own settings) has every meter answer at every
 * setting, and the scan's rows would name each meter at each, as if any would do. Said in one line, so that the
 * installer takes the meter's settings from the meter, not from the scan.
 */
final class SameAtEverySetting {
    private final Map<BusEndpoint.Serial, Set<Integer>> found = new LinkedHashMap<>();

    /** A setting's scan begins; a TCP endpoint has no setting, and is not counted. */
    void tried(BusEndpoint endpoint) {
        if (endpoint instanceof BusEndpoint.Serial serial) {
            found.put(serial, new TreeSet<>());
        }
    }

    /** {@code unit} answered at {@code endpoint}'s setting. */
    void found(BusEndpoint endpoint, int unit) {
        if (endpoint instanceof BusEndpoint.Serial serial) {
            found.get(serial).add(unit);
        }
    }

    /**
     * The line to say when two baud rates or more were tried, each in whole, and the same units, some, answered at
     * every setting; empty otherwise. Parities alone tell nothing of the port: a meter may answer at both parities of
     * its own baud rate (a receiver that does not check parity takes the parity bit for the stop bit).
     */
    Optional<String> said() {
        List<Set<Integer>> units = List.copyOf(found.values());
        long bauds = found.keySet().stream().mapToInt(BusEndpoint.Serial::baud).distinct().count();
        if (bauds < 2 || units.get(0).isEmpty() || !units.stream().allMatch(units.get(0)::equals)) {
            return Optional.empty();
        }
        String settings = found.keySet().stream().map(s -> s.baud() + " " + s.parity()).collect(Collectors.joining(", "));
        String unitIds = units.get(0).stream().map(String::valueOf).collect(Collectors.joining(", "));
        return Optional.of("the same " + (units.get(0).size() == 1 ? "unit (" : "units (") + unitIds + ") answered at every "
                + "line setting tried (" + settings + "): the port does not seem to apply the line settings (a "
                + "pseudo-terminal, or a converter that sets its own), so the meters' baud rate and parity cannot be told "
                + "from here; take them from the meter's display or manual");
    }
}
