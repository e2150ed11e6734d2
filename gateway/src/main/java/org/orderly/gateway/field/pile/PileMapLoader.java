package org.orderly.gateway.field.pile;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orderly.gateway.field.modbus.RegisterMap;
import org.orderly.gateway.field.modbus.RegisterMapException;
import org.orderly.gateway.field.modbus.RegisterMapLoader;
import org.orderly.gateway.field.modbus.RegisterMapYaml;
import org.orderly.gateway.field.modbus.RegisterPoint;
import org.orderly.gateway.field.modbus.WriteFunction;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.orderly.text.TextFile;

/**
 * Loads a pile map. The pile's own sections ({@code limit}, {@code watchdog}, {@code fallback},
 * {@code states}) are read here; they are then blanked out, line for line, and the rest (model, source,
 * defaults, registers) goes through the meter {@link RegisterMapLoader}, so status registers follow exactly
 * the meter rules and every problem still reads {@code file:line: what}. All problems are reported at once.
 */
public final class PileMapLoader {

    private static final Set<String> PILE_KEYS = Set.of("limit", "watchdog", "fallback", "states");
    private static final Set<String> REGISTER_KEYS = Set.of("address", "function", "scale");
    private static final Set<String> QUANTITIES =
            Set.of(PileMap.STATE, PileMap.AMPS_OFFERED, PileMap.POWER, PileMap.SESSION_ENERGY);

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private PileMapLoader(String file) {
        this.file = file;
    }

    public static PileMap load(Path path) throws IOException, RegisterMapException {
        return parse(path.toString(), TextFile.read(path));
    }

    /**
     * Whether {@code text} is meant as a pile's map: a mapping naming any of a pile's own sections (limit, watchdog,
     * fallback, states), which no meter map has. Says which kind of map a file is, so a map named where the other
     * kind belongs is reported as such rather than by the other loader's complaints; false for text that is not YAML.
     */
    public static boolean isPileMap(String text) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            return false;
        }
        return root instanceof MappingNode top && top.getValue().stream()
                .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && PILE_KEYS.contains(k.getValue()));
    }

    public static PileMap parse(String file, String text) throws RegisterMapException {
        return new PileMapLoader(file).read(text);
    }

    private PileMap read(String text) throws RegisterMapException {
        Node root = RegisterMapYaml.compose(file, text);
        if (!(root instanceof MappingNode top)) {
            throw new RegisterMapException(List.of(file + ":1: expected a mapping with model, source, limit, states and registers"));
        }
        String[] lines = text.split("\n", -1);
        Map<String, Node> pile = new LinkedHashMap<>();
        Map<String, Node> pileKeys = new LinkedHashMap<>();
        for (NodeTuple t : top.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && PILE_KEYS.contains(k.getValue())) {
                if (pileKeys.containsKey(k.getValue())) {
                    givenTwice(k, "", pileKeys.get(k.getValue()));
                } else {
                    pile.put(k.getValue(), t.getValueNode());
                    pileKeys.put(k.getValue(), k);
                }
                blank(lines, t.getKeyNode().getStartMark().getLine(), t.getValueNode().getEndMark());
            }
        }
        PileRegister limit = register("limit", pile.get("limit"), top, true);
        PileRegister watchdog = register("watchdog", pile.get("watchdog"), top, false);
        PileRegister fallback = register("fallback", pile.get("fallback"), top, false);
        Map<Integer, ChargeState> states = states(pile.get("states"), top);
        RegisterMap status = null;
        try {
            status = RegisterMapLoader.parse(file, String.join("\n", lines));
        } catch (RegisterMapException e) {
            problems.addAll(e.problems());
        }
        if (status != null) {
            boolean hasState = false;
            for (RegisterPoint p : status.points()) {
                hasState |= p.quantity().equals(PileMap.STATE);
                if (!QUANTITIES.contains(p.quantity())) {
                    problems.add(file + ":" + p.line() + ": quantity '" + p.quantity() + "' is not a pile status; expected one of "
                            + String.join(", ", new java.util.TreeSet<>(QUANTITIES)));
                }
            }
            if (!hasState) {
                problems.add(file + ":" + line(top) + ": registers must include " + PileMap.STATE);
            }
        }
        if (!problems.isEmpty()) {
            // In the order of their lines (stable within one): check-config names the first and counts the rest.
            problems.sort(Comparator.comparingInt(this::lineOf));
            throw new RegisterMapException(problems);
        }
        return new PileMap(status.model(), status.source(), limit, Optional.ofNullable(watchdog),
                Optional.ofNullable(fallback), states, status);
    }

    /** The line a problem names ({@code file:line: what}); problems without one go last. */
    private int lineOf(String problem) {
        String prefix = file + ":";
        int end = problem.indexOf(':', prefix.length());
        if (!problem.startsWith(prefix) || end < 0) {
            return Integer.MAX_VALUE;
        }
        try {
            return Integer.parseInt(problem.substring(prefix.length(), end));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Replaces a block-style entry's lines with empty comments, keeping line numbers. */
    private static void blank(String[] lines, int firstLine, org.yaml.snakeyaml.error.Mark end) {
        int last = end.getColumn() == 0 ? end.getLine() - 1 : end.getLine();
        for (int i = firstLine; i <= Math.min(last, lines.length - 1); i++) {
            lines[i] = "#";
        }
    }

    private PileRegister register(String name, Node node, MappingNode top, boolean required) {
        if (node == null) {
            if (required) {
                problems.add(file + ":" + line(top) + ": '" + name + "' is required: { address: .., function: 6 or 16, scale: .. }");
            }
            return null;
        }
        if (!(node instanceof MappingNode m)) {
            problems.add(file + ":" + line(node) + ": '" + name + "' must be a mapping { address, function, scale }");
            return null;
        }
        Map<String, ScalarNode> keys = new LinkedHashMap<>();
        Map<String, Node> keyNodes = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
            if (!REGISTER_KEYS.contains(key) || !(t.getValueNode() instanceof ScalarNode v)) {
                problems.add(file + ":" + line(t.getKeyNode()) + ": unknown key '" + key + "' in " + name
                        + "; expected address, function, scale");
                continue;
            }
            if (keyNodes.containsKey(key)) {
                givenTwice(t.getKeyNode(), " in " + name, keyNodes.get(key));
                continue;
            }
            keys.put(key, v);
            keyNodes.put(key, t.getKeyNode());
        }
        Integer address = integer(keys.get("address"), name + ".address");
        if (keys.get("address") == null) {
            problems.add(file + ":" + line(m) + ": " + name + ".address is required");
        }
        Integer fc = keys.containsKey("function") ? integer(keys.get("function"), name + ".function") : Integer.valueOf(6);
        Optional<WriteFunction> function = fc == null ? Optional.empty() : WriteFunction.of(fc);
        if (fc != null && function.isEmpty()) {
            problems.add(file + ":" + line(keys.get("function")) + ": '" + name + ".function' must be 6 or 16, was '" + fc + "'");
        }
        double scale = 1.0;
        if (keys.containsKey("scale")) {
            try {
                scale = Double.parseDouble(keys.get("scale").getValue());
            } catch (NumberFormatException e) {
                scale = Double.NaN;
            }
            if (!(scale > 0) || !Double.isFinite(scale)) {
                problems.add(file + ":" + line(keys.get("scale")) + ": '" + name + ".scale' must be a number > 0, was '"
                        + keys.get("scale").getValue() + "'");
                return null;
            }
        }
        if (address == null || function.isEmpty()) {
            return null;
        }
        if (address < 0 || address > 0xFFFF) {
            problems.add(file + ":" + line(keys.get("address")) + ": '" + name + ".address' must be 0..65535, was " + address);
            return null;
        }
        return new PileRegister(name, address, function.get(), scale, line(m));
    }

    /** A key given twice is refused, not read with its last value: a second scale would write every limit wrong. */
    private void givenTwice(Node key, String where, Node first) {
        problems.add(file + ":" + line(key) + ": key '" + ((ScalarNode) key).getValue() + "' given twice" + where
                + " (first at line " + line(first) + "); keep one");
    }

    private Map<Integer, ChargeState> states(Node node, MappingNode top) {
        Map<Integer, ChargeState> states = new LinkedHashMap<>();
        if (!(node instanceof MappingNode m)) {
            problems.add(file + ":" + (node == null ? line(top) : line(node))
                    + ": 'states' is required: a mapping from state.code values to A, B, C, E or F");
            return states;
        }
        for (NodeTuple t : m.getValue()) {
            Integer code = t.getKeyNode() instanceof ScalarNode k ? integer(k, "states key") : null;
            String value = t.getValueNode() instanceof ScalarNode v ? v.getValue() : null;
            Optional<ChargeState> state = ChargeState.parse(value);
            if (state.isEmpty()) {
                problems.add(file + ":" + line(t.getValueNode()) + ": state must be A, B, C, E or F, was '" + value + "'");
            } else if (code != null && states.put(code, state.get()) != null) {
                problems.add(file + ":" + line(t.getKeyNode()) + ": state code " + code + " given twice");
            }
        }
        return states;
    }

    private Integer integer(ScalarNode node, String what) {
        if (node == null) {
            return null;
        }
        String text = node.getValue().trim();
        try {
            return text.startsWith("0x") || text.startsWith("0X") ? Integer.parseInt(text.substring(2), 16) : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            problems.add(file + ":" + line(node) + ": '" + what + "' must be a whole number (decimal or 0x hex), was '" + text + "'");
            return null;
        }
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
