package org.orderly.gateway.app.config;

import java.util.List;
import org.orderly.text.Count;

/** The configuration is not usable; {@link #problems()} has one line per problem, {@code file:line:column: what, hint}. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(Count.of(problems.size(), "problem") + " in the configuration:\n"
                + String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
