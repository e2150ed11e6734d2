package org.orderly.gateway.app.config;

import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A register map (a meter's or a pile's, as {@code config/devices/} holds them) given where a gateway configuration
 * goes: known by its top-level {@code registers} beside no {@code gatewayId} nor {@code compound}, so that it is one
 * problem saying what the file is rather than every key of it unknown and every key of a configuration missing, as
 * for a scenario ({@link ScenarioFile}).
 */
final class DeviceMapFile {
    private DeviceMapFile() {
    }

    /** The {@code registers} key of a file that is a register map, not a configuration. */
    static Optional<Node> registers(Node root) {
        if (!(root instanceof MappingNode m)) {
            return Optional.empty();
        }
        Node registers = null;
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                if (k.getValue().equals("gatewayId") || k.getValue().equals("compound")) {
                    return Optional.empty();
                }
                if (k.getValue().equals("registers")) {
                    registers = k;
                }
            }
        }
        return Optional.ofNullable(registers);
    }

    static String problem() {
        return "this file is a register map (as in config/devices), not a gateway configuration; a configuration names "
                + "it by its file name without .yaml, as a meter's map (meters: transformer: map: NAME) or a Modbus "
                + "pile's (driver: modbus: map: piles/NAME); orderly modbus read --map NAME reads a meter with it; "
                + "start a configuration from config/orderly.example.yaml";
    }
}
