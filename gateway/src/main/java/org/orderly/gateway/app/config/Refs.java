package org.orderly.gateway.app.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** Names declared in one part of the file and referred to from another (buses, circuits, piles), with where. */
final class Refs {
    private final String kind;
    private final Map<String, Node> declared = new LinkedHashMap<>();

    Refs(String kind) {
        this.kind = kind;
    }

    /** Declares {@code name}; reports a duplicate. */
    void declare(String name, Node at, Problems problems) {
        Node first = declared.putIfAbsent(name, at);
        if (first != null) {
            problems.at(at, "duplicate " + kind + " id '" + name + "' (first at line " + (first.getStartMark().getLine() + 1)
                    + "); ids must be unique");
        }
    }

    boolean has(String name) {
        return declared.containsKey(name);
    }

    List<String> names() {
        return new ArrayList<>(declared.keySet());
    }

    /** Reports {@code name} at {@code at} unless declared. */
    void require(String name, Node at, String from, Problems problems) {
        if (name != null && !declared.containsKey(name)) {
            problems.at(at, from + " refers to unknown " + kind + " '" + name + "'; " + Suggest.didYouMean(name, names())
                    + (declared.isEmpty() ? "no " + kind + " is declared" : "known: " + String.join(", ", names())));
        }
    }
}
