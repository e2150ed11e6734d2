package org.orderly.tools.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bench main's arguments: numbers ({@code --warmup N}, each with its default), flags ({@code --per-problem}) and the
 * scenarios' names, the bench's own when none are given. Anything that is not an option it knows is a name.
 */
final class BenchArgs {
    private final Map<String, Integer> numbers;
    private final Set<String> flags = new HashSet<>();
    private final List<String> names = new ArrayList<>();

    private BenchArgs(Map<String, Integer> defaults) {
        this.numbers = new HashMap<>(defaults);
    }

    /**
     * @param numbers    each number option with its default
     * @param flags      the flag options
     * @param scenarios  the names when the arguments give none
     */
    static BenchArgs parse(String[] args, Map<String, Integer> numbers, Set<String> flags, List<String> scenarios) {
        BenchArgs parsed = new BenchArgs(numbers);
        for (int a = 0; a < args.length; a++) {
            if (numbers.containsKey(args[a])) {
                if (a + 1 == args.length) {
                    throw new IllegalArgumentException(args[a] + " wants a whole number after it; the arguments end");
                }
                parsed.numbers.put(args[a], Integer.parseInt(args[++a]));
            } else if (flags.contains(args[a])) {
                parsed.flags.add(args[a]);
            } else {
                parsed.names.add(args[a]);
            }
        }
        if (parsed.names.isEmpty()) {
            parsed.names.addAll(scenarios);
        }
        return parsed;
    }

    int number(String option) {
        Integer n = numbers.get(option);
        if (n == null) {
            throw new IllegalArgumentException(option + " is no number option of this bench: " + numbers.keySet());
        }
        return n;
    }

    boolean flag(String option) {
        return flags.contains(option);
    }

    List<String> names() {
        return List.copyOf(names);
    }
}
