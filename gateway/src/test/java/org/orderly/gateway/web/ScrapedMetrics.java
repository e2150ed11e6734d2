package org.orderly.gateway.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code /metrics} answer read line by line as the Prometheus text format 0.0.4 has it: {@code # HELP},
 * {@code # TYPE} and samples, each sample of a family typed before it, its labels quoted, its value a number. A line that is none of
 * these fails the read with the line, so a test of the figures checks the format too.
 */
final class ScrapedMetrics {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|info|untyped|summary|histogram)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** Each sample's value by its name and labels as written, e.g. {@code orderly_meter_polls_total{meter="tx"}}. */
    private final Map<String, Double> samples = new LinkedHashMap<>();
    /** Each family's type. */
    private final Map<String, String> types = new HashMap<>();

    ScrapedMetrics(String text) {
        if (!text.endsWith("\n")) {
            throw new AssertionError("the exposition does not end with a line feed");
        }
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                continue;
            }
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError("a second TYPE for " + m.group(1) + ": " + line);
                }
                continue;
            }
            m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a line of the Prometheus text format: '" + line + "'");
            }
            String family = family(m.group(1));
            if (!types.containsKey(family)) {
                throw new AssertionError("a sample of no TYPE'd family: '" + line + "'");
            }
            if (m.group(3) != null && !LABEL.matcher(m.group(3)).replaceAll("").isEmpty()) {
                throw new AssertionError("labels not as name=\"value\": '" + line + "'");
            }
            double value = switch (m.group(4)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(m.group(4));
            };
            if (samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), value) != null) {
                throw new AssertionError("a sample twice: '" + line + "'");
            }
        }
    }

    /** The family a sample belongs to: a counter's {@code _total} and an info's {@code _info} are the family's own. */
    private String family(String sample) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : new String[] {"_total", "_info", "_created"}) {
            if (sample.endsWith(suffix) && types.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return sample;
    }

    /** The sample's value, written as in the text, e.g. {@code orderly_pile_offline{pile="p0"}}; empty when absent. */
    OptionalDouble value(String sample) {
        Double v = samples.get(sample);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    Map<String, Double> samples() {
        return samples;
    }

    Map<String, String> types() {
        return types;
    }

    double get(String sample) {
        return value(sample).orElseThrow(() -> new AssertionError("no sample " + sample + " in " + samples.keySet()));
    }
}
