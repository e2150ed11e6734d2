package org.orderly.gateway.app.config;

import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A scenario ({@code orderly-scenario/1}, what {@code orderly simulate} replays; {@code config/examples/} holds one) given
 * where a gateway configuration goes: known by its top-level {@code format}, which no configuration has, so that it is
 * one problem saying what the file is rather than every key of it unknown and every key of a configuration missing.
 */
final class ScenarioFile {
    static final String FORMAT_PREFIX = "orderly-scenario/";

    private ScenarioFile() {
    }

    /** The node of the file's {@code format: orderly-scenario/...}, when the file is a scenario. */
    static Optional<Node> format(Node root) {
        if (!(root instanceof MappingNode m)) {
            return Optional.empty();
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("format")
                    && t.getValueNode() instanceof ScalarNode v && v.getValue().startsWith(FORMAT_PREFIX)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    static String problem(Node format) {
        return "this file is a scenario (format " + ((ScalarNode) format).getValue() + ") for orderly simulate, not a gateway "
                + "configuration; replay it with orderly simulate FILE, or start a configuration from config/orderly.example.yaml";
    }
}
