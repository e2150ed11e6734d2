package org.orderly.gateway.app.config;

import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The firmware-bridge endpoints taken by piles. A bridge drives one pile: two piles on one would each renew their own
 * lease on it, and the charger would offer whichever limit came last.
 */
final class Bridges {
    private record Endpoint(String host, int port) {
    }

    private record Taken(Node at, String by) {
    }

    private final Map<Endpoint, Taken> taken = new HashMap<>();

    /**
     * Takes the bridge at {@code host:port} for the pile described by {@code by} (e.g. "pile 'p2'"); when another pile
     * has it, reports that at {@code at} and returns false.
     */
    boolean take(String host, int port, Node at, String by, Problems problems) {
        Taken first = taken.putIfAbsent(new Endpoint(HostKey.of(host), port), new Taken(at, by));
        if (first == null) {
            return true;
        }
        problems.at(at, "bridge " + HostKey.shown(host, port) + " of " + by + " is already used at line "
                + (first.at().getStartMark().getLine() + 1) + " by " + first.by()
                + "; a firmware-bridge drives one pile: give each pile the host and port of its own bridge");
        return false;
    }
}
