package org.orderly.gateway.field.modbus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.orderly.text.TextFile;

/**
 * Reads and validates a register map. Every problem found is reported, each as {@code file:line: what},
 * so an installer fixes a hand-written map in one pass. See {@code docs/register-maps.md} for the format.
 */
public final class RegisterMapLoader {

    private static final Pattern QUANTITY = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");
    private static final Set<String> TOP_KEYS = Set.of("model", "source", "defaults", "max_gap", "max_words", "registers");
    private static final Set<String> DEFAULT_KEYS = Set.of("function", "type", "order", "scale");
    private static final Set<String> POINT_KEYS = Set.of("quantity", "address", "function", "type", "order", "scale");
    private static final int DEFAULT_MAX_WORDS = 60;

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private RegisterMapLoader(String file) {
        this.file = file;
    }

    /** Loads the map at {@code path}. */
    public static RegisterMap load(Path path) throws IOException, RegisterMapException {
        return parse(path.toString(), TextFile.read(path));
    }

    /** Parses map text; {@code file} names it in messages. */
    public static RegisterMap parse(String file, String text) throws RegisterMapException {
        return new RegisterMapLoader(file).read(text);
    }

    private RegisterMap read(String text) throws RegisterMapException {
        Node root = RegisterMapYaml.compose(file, text);
        if (!(root instanceof MappingNode top)) {
            throw new RegisterMapException(List.of(file + ":1: expected a mapping with model, source and registers"));
        }
        Map<String, Node> keys = mapping(top, TOP_KEYS);
        String model = requiredText(keys, "model", top);
        String source = requiredText(keys, "source", top);
        int maxGap = optionalInt(keys, "max_gap").orElse(0);
        int maxWords = optionalInt(keys, "max_words").orElse(DEFAULT_MAX_WORDS);
        if (maxGap < 0) {
            problem(keys.get("max_gap"), "max_gap must be >= 0");
        }
        if (maxWords < 2 || maxWords > 125) {
            problem(keys.get("max_words"), "max_words must be within 2..125 (the Modbus limit for one read)");
        }
        Map<String, Node> defaults = keys.get("defaults") instanceof MappingNode d ? mapping(d, DEFAULT_KEYS) : Map.of();
        if (keys.containsKey("defaults") && !(keys.get("defaults") instanceof MappingNode)) {
            problem(keys.get("defaults"), "defaults must be a mapping");
        }
        List<RegisterPoint> points = new ArrayList<>();
        Node registers = keys.get("registers");
        if (registers == null) {
            problem(top, "missing 'registers'");
        } else if (!(registers instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problem(registers, "'registers' must be a non-empty list");
        } else {
            for (Node item : seq.getValue()) {
                point(item, defaults).ifPresent(points::add);
            }
        }
        checkDuplicatesAndOverlaps(points);
        if (!problems.isEmpty()) {
            throw new RegisterMapException(problems);
        }
        return new RegisterMap(model, source, maxGap, maxWords, points);
    }

    private Optional<RegisterPoint> point(Node item, Map<String, Node> defaults) {
        if (!(item instanceof MappingNode m)) {
            problem(item, "each register must be a mapping with quantity and address");
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, Node> k = mapping(m, POINT_KEYS);
        Map<String, Node> merged = new HashMap<>(defaults);
        merged.putAll(k);
        String quantity = requiredText(k, "quantity", m);
        if (quantity != null && !QUANTITY.matcher(quantity).matches()) {
            problem(k.get("quantity"), "quantity '" + quantity + "' must look like power.total.kw (lower case, dotted, unit last)");
        }
        Integer address = requiredInt(k, "address", m);
        FunctionCode function = enumValue(merged, "function", m, s -> parseInt(s).flatMap(FunctionCode::of), "3 or 4");
        DataType type = enumValue(merged, "type", m, DataType::parse, "int16, uint16, int32, uint32 or float32");
        WordOrder order = merged.containsKey("order")
                ? enumValue(merged, "order", m, WordOrder::parse, "big or little") : WordOrder.BIG;
        double scale = 1.0;
        if (merged.containsKey("scale")) {
            Optional<Double> s = parseDouble(text(merged.get("scale")));
            if (s.isEmpty() || !Double.isFinite(s.get()) || s.get() == 0) {
                problem(merged.get("scale"), "scale must be a finite non-zero number");
            } else {
                scale = s.get();
            }
        }
        if (address != null && type != null && (address < 0 || address + type.words() - 1 > 0xFFFF)) {
            problem(k.get("address"), "address " + address + " is outside 0..65535");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        Node named = k.get("quantity");
        return Optional.of(new RegisterPoint(quantity, address, function, type, order, scale, line(named), column(named)));
    }

    private void checkDuplicatesAndOverlaps(List<RegisterPoint> points) {
        Map<String, RegisterPoint> byName = new HashMap<>();
        for (RegisterPoint p : points) {
            RegisterPoint earlier = byName.putIfAbsent(p.quantity(), p);
            if (earlier != null) {
                problems.add(file + ":" + p.line() + ": quantity '" + p.quantity() + "' already defined at line " + earlier.line());
            }
        }
        for (int i = 0; i < points.size(); i++) {
            for (int j = 0; j < i; j++) {
                RegisterPoint a = points.get(j);
                RegisterPoint b = points.get(i);
                if (a.function() == b.function() && a.address() < b.end() && b.address() < a.end()) {
                    problems.add(file + ":" + b.line() + ": registers of '" + b.quantity() + "' overlap '"
                            + a.quantity() + "' (line " + a.line() + ")");
                }
            }
        }
    }

    private Map<String, Node> mapping(MappingNode node, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            String key = text(t.getKeyNode());
            if (key == null || !allowed.contains(key)) {
                problem(t.getKeyNode(), "unknown key '" + key + "' (expected one of " + new java.util.TreeSet<>(allowed) + ")");
            } else if (out.put(key, t.getValueNode()) != null) {
                problem(t.getKeyNode(), "key '" + key + "' given twice");
            }
        }
        return out;
    }

    private String requiredText(Map<String, Node> keys, String key, Node owner) {
        Node n = keys.get(key);
        String s = text(n);
        if (s == null || s.isBlank()) {
            problem(n == null ? owner : n, "missing '" + key + "'");
            return null;
        }
        return s;
    }

    private Integer requiredInt(Map<String, Node> keys, String key, Node owner) {
        Node n = keys.get(key);
        if (n == null) {
            problem(owner, "missing '" + key + "'");
            return null;
        }
        Optional<Integer> v = parseInt(text(n));
        if (v.isEmpty()) {
            problem(n, "'" + key + "' must be an integer (decimal or 0x hex), was '" + text(n) + "'");
            return null;
        }
        return v.get();
    }

    private Optional<Integer> optionalInt(Map<String, Node> keys, String key) {
        Node n = keys.get(key);
        if (n == null) {
            return Optional.empty();
        }
        Optional<Integer> v = parseInt(text(n));
        if (v.isEmpty()) {
            problem(n, "'" + key + "' must be an integer");
        }
        return v;
    }

    private <T> T enumValue(Map<String, Node> keys, String key, Node owner, Function<String, Optional<T>> parser, String expected) {
        Node n = keys.get(key);
        if (n == null) {
            problem(owner, "missing '" + key + "' (give it here or under defaults)");
            return null;
        }
        String s = text(n);
        Optional<T> v = s == null ? Optional.empty() : parser.apply(s);
        if (v.isEmpty()) {
            problem(n, "'" + key + "' must be " + expected + ", was '" + s + "'");
            return null;
        }
        return v.get();
    }

    private static String text(Node n) {
        return n instanceof ScalarNode s ? s.getValue().trim() : null;
    }

    private static Optional<Integer> parseInt(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.decode(s.replace("_", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> parseDouble(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void problem(Node at, String what) {
        problems.add(file + ":" + line(at) + ": " + what);
    }

    private static int column(Node n) {
        return n == null || n.getStartMark() == null ? 0 : n.getStartMark().getColumn() + 1;
    }

    private static int line(Node n) {
        return n == null || n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }
}
