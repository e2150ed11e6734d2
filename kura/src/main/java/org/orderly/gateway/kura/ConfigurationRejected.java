package org.orderly.gateway.kura;

import java.util.List;

/**
 * A configuration the component does not take: each problem one line, as {@code orderly check-config} prints it
 * (a setting and its value, or {@code FILE:LINE:COLUMN: what; hint}).
 */
final class ConfigurationRejected extends Exception {
    private final List<String> problems;

    ConfigurationRejected(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems; first: " + problems.get(0));
        this.problems = List.copyOf(problems);
    }

    ConfigurationRejected(String problem) {
        this(List.of(problem));
    }

    ConfigurationRejected(String problem, Throwable cause) {
        this(List.of(problem));
        initCause(cause);
    }

    List<String> problems() {
        return problems;
    }
}
