package org.orderly.gateway.app.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orderly.text.AsWritten;
import org.orderly.text.OneLine;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping of the configuration, read with its known keys. Unknown and repeated keys are reported
 * when it is created; every getter reports what is missing or malformed where it is and returns null, so
 * reading goes on and all problems are collected. {@code path} (compound.piles[2]) names it in messages.
 */
final class Section {
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("\\s*([-+]?[0-9]+(?:\\.[0-9]*)?)\\s*([A-Za-z%]+)\\s*");

    private final Node node;
    private final String path;
    private final Problems problems;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Node> keys = new LinkedHashMap<>();
    /** Known keys that an unknown key was probably meant to be: their absence is not reported a second time. */
    private final java.util.Set<String> misspelled = new java.util.HashSet<>();
    /**
     * Unknown keys too far from any known key for a did-you-mean, in file order, each with its problem's index: a
     * required key found missing may be one of them written another way (maxAmps for maxA), and then the first that
     * resembles it ({@link Suggest#resembles}) has its problem reworded to suggest it, instead of a second problem for
     * the same mistake. One that resembles it not (note for maxA) is left unknown, and the key reported missing.
     */
    private final List<Map.Entry<String, Integer>> unexplained = new java.util.ArrayList<>();
    /** Every unknown key given here, with its problem's index and its value, in file order. */
    private final List<Unknown> unknowns = new java.util.ArrayList<>();

    /** {@code before}: the value of the key before it in the mapping, or null (a number split at a decimal comma). */
    private record Unknown(String key, int index, Node value, Node before) {
    }
    private final List<String> known;

    private Section(Node node, String path, List<String> known, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.known = known;
        if (node instanceof MappingNode m) {
            Node before = null;
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                if (key == null || !known.contains(key)) {
                    java.util.Optional<String> meant = key == null ? java.util.Optional.empty() : Suggest.closest(key, known);
                    meant.ifPresent(misspelled::add);
                    String shown = key == null ? "(not a plain key)" : "'" + key + "'";
                    String hint = meant.map(c -> "did you mean '" + c + "'? ").orElse("") + DecimalComma.hint(key, before);
                    int index = problems.at(t.getKeyNode(), unknown(shown, hint));
                    if (key != null && meant.isEmpty()) {
                        unexplained.add(Map.entry(key, index));
                    }
                    if (key != null) {
                        unknowns.add(new Unknown(key, index, t.getValueNode(), before));
                    }
                } else if (values.containsKey(key)) {
                    Mark first = keys.get(key).getStartMark();
                    problems.at(t.getKeyNode(), "key '" + key + "' given twice in " + where() + " (first at line "
                            + (first.getLine() + 1) + ", column " + (first.getColumn() + 1) + "); keep one");
                } else {
                    values.put(key, t.getValueNode());
                    keys.put(key, t.getKeyNode());
                }
                before = t.getValueNode();
            }
        }
    }

    /** Reads {@code node} as a mapping; reports it when it is something else (and returns an empty section). */
    static Section of(Node node, String path, List<String> known, Problems problems) {
        if (!(node instanceof MappingNode)) {
            problems.at(node, (path.isEmpty() ? "the file" : path) + " must be a mapping of "
                    + String.join(", ", known) + "; was " + describe(node));
        }
        return new Section(node, path, known, problems);
    }

    private String where() {
        return path.isEmpty() ? "the file" : path;
    }

    private String unknown(String shown, String suggestion) {
        return "unknown key " + shown + " in " + where() + "; " + suggestion + "known keys: " + String.join(", ", known);
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value node of {@code key}, or null. */
    Node value(String key) {
        return values.get(key);
    }

    /** Where to point at for {@code key}: its value when given, else this section. */
    Node at(String key) {
        return values.getOrDefault(key, node);
    }

    /** The path of a key below this section. */
    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * Says {@code line} instead of the unknown-key problem of {@code key}, when it is given here and resembles no known
     * key: a key that belongs elsewhere, and the line says where.
     */
    void explainUnknown(String key, String line) {
        for (java.util.Iterator<Map.Entry<String, Integer>> it = unexplained.iterator(); it.hasNext(); ) {
            Map.Entry<String, Integer> given = it.next();
            if (given.getKey().equals(key)) {
                it.remove();
                problems.reword(given.getValue(), line);
                return;
            }
        }
    }

    /**
     * Says {@code line.apply(key, value)} instead of the unknown-key problem of the first unknown key given here that
     * {@code which} accepts, did-you-mean or not: a key written in another unit than the one known key, {@code meant},
     * takes (a current for a power). {@code meant} missing is then not reported besides: that line says it.
     */
    void explainUnknown(java.util.function.Predicate<String> which, String meant,
                        java.util.function.BiFunction<String, Node, String> line) {
        for (Unknown u : unknowns) {
            if (which.test(u.key())) {
                unexplained.removeIf(e -> e.getValue() == u.index());
                misspelled.add(meant);
                problems.reword(u.index(), line.apply(u.key(), u.value()));
                return;
            }
        }
    }

    void missing(String key, String hint) {
        if (!(node instanceof MappingNode) || misspelled.contains(key)) {
            return;
        }
        for (java.util.Iterator<Map.Entry<String, Integer>> it = unexplained.iterator(); it.hasNext(); ) {
            Map.Entry<String, Integer> typo = it.next();
            if (Suggest.resembles(typo.getKey(), key)) {
                it.remove();
                problems.reword(typo.getValue(), unknown("'" + typo.getKey() + "'",
                        "did you mean '" + key + "' (required, and missing here)? "));
                return;
            }
        }
        problems.at(node, "missing '" + key + "' in " + where() + "; " + hint);
    }

    /** A nested mapping; null (reported when {@code required}) when absent. */
    Section section(String key, List<String> known, boolean required, String hint) {
        Node v = values.get(key);
        if (v == null) {
            if (required) {
                missing(key, hint);
            }
            return null;
        }
        return of(v, child(key), known, problems);
    }

    /** A list; null (reported when {@code required}) when absent or not a list. */
    List<Node> list(String key, boolean required, String hint) {
        Node v = values.get(key);
        if (v == null) {
            if (required) {
                missing(key, hint);
            }
            return null;
        }
        if (!(v instanceof SequenceNode s)) {
            problems.at(v, "'" + key + "' in " + where() + " must be a list (items starting with '- '); was " + describe(v));
            return null;
        }
        return s.getValue();
    }

    /** A non-empty string; {@code fallback} when absent (null fallback: required). */
    String text(String key, String fallback, String hint) {
        Node v = values.get(key);
        if (v == null) {
            if (fallback == null) {
                missing(key, hint);
            }
            return fallback;
        }
        if (!(v instanceof ScalarNode s) || s.getValue().isBlank()) {
            problems.at(v, "'" + key + "' in " + where() + " must be a non-empty text; " + hint);
            return null;
        }
        return s.getValue().trim();
    }

    /**
     * A file named by a non-empty text, resolved against {@code base}; {@code fallback} when absent (null fallback:
     * required). A name this system cannot use as a path (a NUL in it) is a problem at its value, not an exception
     * that would leave the file without a line.
     */
    Path path(String key, String fallback, Path base, String hint) {
        String name = text(key, fallback, hint);
        if (name == null) {
            return null;
        }
        try {
            return base.resolve(name);
        } catch (InvalidPathException e) {
            problems.at(values.get(key), "'" + key + "' in " + where() + ": '" + OneLine.of(name)
                    + "' is not a file name this system can use (" + e.getReason() + "); " + hint);
            return null;
        }
    }

    /**
     * A device's address: an IPv4 or IPv6 address (an IPv6 one without brackets, so that a URI can bracket it) or a host
     * name; null with a problem at its value for anything else: a port written into it ({@code 10.20.0.11:5683}), a
     * space, brackets. Such a host passed check-config and then failed every request of the running gateway.
     */
    String host(String key, String hint) {
        String host = text(key, null, hint);
        if (host == null) {
            return null;
        }
        InetAddress address = host.startsWith("[") ? null : IpLiteral.parsed(host);
        if (address instanceof Inet4Address) {
            // An IPv4 address however written (::ffff:10.20.0.11 too): as such, which a URI takes as its host.
            return address.getHostAddress();
        }
        if (IpLiteral.mistypedIpv4(host)) {
            // Digits and dots only: an IPv4 address mistyped (192.168.10.256, a part left out), since DNS gives out no
            // such name; taken as a name, it would never resolve, and every poll would fail. One with leading zeros
            // (192.168.010.020) is left as it was: the JDK reaches it as 192.168.10.20.
            problems.at(values.get(key), "'" + key + "' in " + where() + ": '" + host + "' is not an IPv4 address (four "
                    + "numbers, each 0..255), nor a host name; " + hint);
            return null;
        }
        if (address == null && HostName.normalized(host) == null) {
            problems.at(values.get(key), "'" + key + "' in " + where() + ": '" + OneLine.of(host)
                    + "' is not an IP address or a host name (a port goes in 'port', an IPv6 address without brackets); "
                    + hint);
            return null;
        }
        return host;
    }


    /** A number in {@code unit} within [min, max]; {@code fallback} when absent (null fallback: required). */
    Double number(String key, String unit, Double fallback, double min, double max, String hint) {
        Node v = values.get(key);
        if (v == null) {
            if (fallback == null) {
                missing(key, hint);
            }
            return fallback;
        }
        String s = v instanceof ScalarNode sc ? sc.getValue().trim() : null;
        Double d = parseDouble(s);
        if (d == null || !Double.isFinite(d)) {
            problems.at(v, "'" + key + "' in " + where() + " must be a number" + inUnit(unit) + ", was " + shown(v)
                    + "; " + DecimalComma.ofValue(s, false) + unitHint(s, unit, hint));
            return null;
        }
        if (d < min || d > max) {
            problems.at(v, "'" + key + "' in " + where() + " must be within " + AsWritten.number(min) + ".."
                    + AsWritten.number(max) + inUnit(unit) + ", was " + s + "; " + hint);
            return null;
        }
        return d;
    }

    /** A whole number within [min, max]; {@code fallback} when absent (null fallback: required). */
    Integer integer(String key, String unit, Integer fallback, long min, long max, String hint) {
        Node v = values.get(key);
        if (v == null) {
            if (fallback == null) {
                missing(key, hint);
            }
            return fallback;
        }
        String s = v instanceof ScalarNode sc ? sc.getValue().trim() : null;
        Long n = parseLong(s);
        if (n == null) {
            problems.at(v, "'" + key + "' in " + where() + " must be a whole number" + inUnit(unit) + ", was " + shown(v)
                    + "; " + DecimalComma.ofValue(s, true) + unitHint(s, unit, hint));
            return null;
        }
        Unknown fraction = fractionAfter(v);
        if (fraction != null) {
            // { port: 5,02 }: YAML read port: 5 and a key 02, whose line would say "write 5.02", no whole number either.
            unexplained.removeIf(e -> e.getValue() == fraction.index());
            problems.reword(fraction.index(), "'" + key + "' in " + where() + " must be a whole number" + inUnit(unit)
                    + ", was " + s + "," + fraction.key() + " (read as " + key + ": " + s + " and a key '" + fraction.key()
                    + "'); " + DecimalComma.ofWholeSplit() + hint);
            return null;
        }
        if (n < min || n > max) {
            problems.at(v, "'" + key + "' in " + where() + " must be within " + min + ".." + max + inUnit(unit)
                    + ", was " + n + "; " + hint);
            return null;
        }
        return n.intValue();
    }

    /** The unknown key of digits right after {@code value} in this mapping (a decimal comma split it), or null. */
    private Unknown fractionAfter(Node value) {
        for (Unknown u : unknowns) {
            if (u.before() == value && DecimalComma.isFraction(u.key())) {
                return u;
            }
        }
        return null;
    }

    /** true or false; {@code fallback} when absent. */
    Boolean bool(String key, boolean fallback) {
        return bool(key, fallback, "");
    }

    /** true or false; {@code fallback} when absent; a bad value's line ends with {@code hint} when there is one. */
    Boolean bool(String key, boolean fallback, String hint) {
        Node v = values.get(key);
        if (v == null) {
            return fallback;
        }
        String s = v instanceof ScalarNode sc ? sc.getValue().trim() : "";
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        problems.at(v, "'" + key + "' in " + where() + " must be true or false, was " + shown(v)
                + (hint.isEmpty() ? "" : "; " + hint));
        return null;
    }

    static String describe(Node n) {
        if (n == null) {
            return "nothing";
        }
        if (n instanceof ScalarNode s) {
            return s.getValue().isEmpty() ? "empty" : "'" + s.getValue() + "'";
        }
        return n instanceof SequenceNode ? "a list" : "a mapping";
    }

    private static String shown(Node v) {
        return describe(v);
    }

    private static String inUnit(String unit) {
        return unit.isEmpty() ? "" : " (" + unit + ")";
    }

    private static String unitHint(String s, String unit, String hint) {
        if (s != null) {
            Matcher m = NUMBER_WITH_UNIT.matcher(s);
            if (m.matches() && unit.startsWith("per ")) {
                return "write the number alone, a price " + unit + " in the tariff's currency: " + m.group(1);
            }
            if (m.matches()) {
                return "write the number alone, the unit is in the key's name"
                        + (m.group(2).equals(unit) ? ": " + m.group(1) : " and is " + unit + ", not " + m.group(2));
            }
        }
        return hint;
    }


    private static Double parseDouble(String s) {
        if (s == null || s.isEmpty() || !s.matches("[-+]?[0-9._]+([eE][-+]?[0-9]+)?")) {
            return null;
        }
        try {
            return Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String s) {
        if (s == null || !s.matches("[-+]?[0-9_]+")) {
            return null;
        }
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
